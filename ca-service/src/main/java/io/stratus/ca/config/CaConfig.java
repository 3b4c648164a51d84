package io.stratus.ca.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of ca-service ({@code stratus.ca.*}, see docs/architecture.md). */
@ConfigMapping(prefix = "stratus.ca")
public interface CaConfig {

    /** Base64 of the 32-byte AES-256-GCM key-encryption key for CA private keys. Required, no default. */
    String kek();

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

    /** How often the outbox relay looks for unsent events. */
    @WithDefault("200ms")
    Duration outboxPollInterval();
}
