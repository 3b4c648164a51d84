package io.stratus.ca.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of ca-service ({@code stratus.ca.*}, see docs/architecture.md). */
@ConfigMapping(prefix = "stratus.ca")
public interface CaConfig {

    /**
     * Base64 of the 32-byte AES-256-GCM key-encryption key for software CA keys. Required in software mode; in
     * pkcs11 mode only needed to keep reading CAs created earlier in software mode.
     */
    Optional<String> kek();

    /**
     * Base64 of the 32-byte key that seals this service's audit log (HMAC-SHA256). Required; it must stay the same
     * for the seals written under it to verify. Read by the audit log itself ({@code AuditTrails} in libs/platform).
     */
    Optional<String> auditKey();

    /** The KEK used before the current one: at start, software keys still wrapped under it are re-wrapped. */
    Optional<String> previousKek();

    /** Where new CA keys are generated: in software (wrapped under the KEK) or inside a PKCS#11 token. */
    @WithDefault("software")
    KeyProtectionMode keyProtection();

    /** PKCS#11 settings, used when {@link #keyProtection()} is pkcs11. */
    Pkcs11 pkcs11();

    interface Pkcs11 {
        /** A {@code io.stratus.crypto.Pkcs11Config} properties file (library, slot or tokenLabel, pin or pinEnv). */
        Optional<Path> config();
    }

    /** Base of the CRL distribution point and AIA URLs written into certificates. */
    @WithDefault("http://localhost:8081")
    String publicUrl();

    /** Base of the SCEP URL shown for each issuing CA ({@code {base}/{tenant}/{caId}}). */
    @WithDefault("http://localhost:8082/scep")
    String scepUrl();

    /** How many CAs a tenant may have. */
    @WithDefault("6")
    int maxAuthoritiesPerTenant();

    /** Lifetime of a published CRL (its nextUpdate); a new one is signed when half of it has passed. */
    @WithDefault("P7D")
    Duration crlValidity();

    /**
     * Lifetime of a delta CRL (its nextUpdate); a new one is signed when half of it has passed, after a revocation,
     * and after each complete CRL.
     */
    @WithDefault("P1D")
    Duration deltaCrlValidity();

    /**
     * How often the CRL publisher looks for CRLs that are due (missing, stale after a revocation that was not
     * followed by a new CRL, or past half their validity) and signs them.
     */
    @WithDefault("1m")
    Duration crlPublishInterval();

    /**
     * How often ca-service looks for device certificates whose renewal window opened or that expired, and announces
     * them (CertificateRenewalDue, CertificateExpired), each once.
     */
    @WithDefault("1m")
    Duration deadlineCheckInterval();

    /** How long an OCSP answer is valid (its nextUpdate after thisUpdate): how long a client may keep it. */
    @WithDefault("1h")
    Duration ocspValidity();

    /**
     * How long this replica serves an answer it signed to the next client asking the same without a nonce (a
     * revocation on this replica drops them at once).
     */
    @WithDefault("1m")
    Duration ocspCache();

    /** The validity of a delegated OCSP responder's certificate; a new one is made after half of it. */
    @WithDefault("P7D")
    Duration ocspResponderValidity();

    /** How often the outbox relay looks for unsent events. */
    @WithDefault("200ms")
    Duration outboxPollInterval();

    /**
     * The longest validity a device certificate may ask for, in days: a request for more is refused and audited
     * (never silently shortened). Within it, a certificate still ends no later than its CA.
     */
    @WithDefault("1825")
    int maxDeviceValidityDays();

    /** Published outbox rows kept for inspection (the newest ids); older ones are deleted. */
    @WithDefault("100000")
    long outboxKeepPublished();

    /** How often published outbox rows beyond {@link #outboxKeepPublished()} are deleted. */
    @WithDefault("1m")
    Duration outboxCleanupInterval();
}
