package io.stratus.profile.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of profile-service ({@code stratus.profile.*}). */
@ConfigMapping(prefix = "stratus.profile")
public interface ProfileConfig {

    /** Lifetime of a SCEP challenge sent with a ProfileAssigned event. */
    @WithDefault("60m")
    Duration challengeTtl();

    /**
     * DNS domain appended to a device name without dots to make {{FullyQualifiedDomainName}}
     * ({@code stratus.profile.device-domain}); unset: such devices have no FQDN.
     */
    Optional<String> deviceDomain();

    /**
     * Base64 of the 32-byte key that seals this service's audit log (HMAC-SHA256). Required; it must stay the same
     * for the seals written under it to verify. Read by the audit log itself ({@code AuditTrails} in libs/platform).
     */
    Optional<String> auditKey();


    /**
     * Whether SCEP profiles may set validityMinutes (certificates valid for minutes, to watch renewal in a demo or a
     * test). Off by default; never in production.
     */
    @WithDefault("false")
    boolean shortValidityAllowed();

    /** Rows per multi-row insert of a bulk import. */
    @WithDefault("2000")
    int importBatchSize();

    /** The transactional outbox relay. */
    Outbox outbox();

    /** How an assignment reaches the devices of its groups. */
    Rollout rollout();

    /** The deployment reports over time. */
    ReportHistory reportHistory();

    interface ReportHistory {
        /** How often each profile's devices are counted by status (the points of the report's chart). */
        @WithDefault("15m")
        Duration interval();

        /** How long the counts are kept. */
        @WithDefault("90d")
        Duration retention();
    }

    interface Rollout {
        /**
         * Devices deployed per transaction: the creating request deploys the first slice, the rest follow in the
         * background, one committed slice at a time, so that a group of 100,000 devices is never one transaction.
         */
        @WithDefault("1000")
        int sliceSize();

        /** How often rollouts left unfinished (a restart, a failed slice) are looked for and continued. */
        @WithDefault("30s")
        Duration resumeInterval();
    }

    interface Outbox {
        /** How often the relay looks for unsent events (it is also woken after every change). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events published per relay transaction. */
        @WithDefault("200")
        int batchSize();

        /** How long a batch may wait for Kafka's acknowledgements before it is retried. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Published rows kept for inspection (the newest ids); older ones are deleted. */
        @WithDefault("100000")
        long keepPublished();

        /** How often published rows beyond {@link #keepPublished()} are deleted. */
        @WithDefault("1m")
        Duration cleanupInterval();
    }
}
