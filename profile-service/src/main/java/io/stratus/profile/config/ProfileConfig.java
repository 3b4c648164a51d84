package io.stratus.profile.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of profile-service ({@code stratus.profile.*}). */
@ConfigMapping(prefix = "stratus.profile")
public interface ProfileConfig {

    /** Lifetime of a SCEP challenge sent with a ProfileAssigned event. */
    @WithDefault("60m")
    Duration challengeTtl();

    /** The transactional outbox relay. */
    Outbox outbox();

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
    }
}
