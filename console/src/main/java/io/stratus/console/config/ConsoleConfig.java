package io.stratus.console.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's settings ({@code stratus.console.*}; docs/console.md). */
@ConfigMapping(prefix = "stratus.console")
public interface ConsoleConfig {

    /** ca-service's base URL, which the console calls with the signed-in administrator's token. */
    URI caUrl();

    /** profile-service's base URL. */
    URI profileUrl();

    /** enrollment-service's base URL (its audit log and its SCEP latency metrics). */
    URI enrollmentUrl();

    /**
     * Kafka Exporter's metrics (topic offsets, consumer group offsets and lag): Strimzi's Kafka Exporter in a cluster,
     * the infra process of the local stack. Without it the event flow page shows no topics.
     */
    Optional<URI> kafkaMetricsUrl();

    /**
     * Where the services' issuance and SCEP latency metrics are read. Unset: ca-service's and enrollment-service's own
     * {@code /q/metrics}, which is one replica each (the local stack). With several replicas (Kubernetes): Prometheus's
     * federation endpoint, which holds every replica's series; the console sums them.
     */
    Optional<URI> serviceMetricsUrl();

    /**
     * Where {@code stratus console} leaves one-time sign-in codes for the local stack (absent in Kubernetes, where
     * administrators sign in through the organisation's identity provider).
     */
    Optional<Path> signInDir();

    /** How long a console session lasts; never longer than the token it holds. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** The tenant a token for every tenant opens first. */
    @WithDefault("demo")
    String defaultTenant();

    /** Whether the session cookie is sent over HTTPS only (true behind TLS, as in Kubernetes). */
    @WithDefault("false")
    boolean secureCookie();
}
