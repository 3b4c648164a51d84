package io.stratus.simulator.service;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code stratus_simulator_enrollments_total{outcome}} (issued, rejected by the CA, error) and
 * {@code stratus_simulator_enrollment_latency_seconds} (first SCEP request to certificate in hand).
 * Registered at startup, so the series exist (at zero) before the first enrollment.
 */
@Startup
@ApplicationScoped
public class EnrollmentMetrics {

    public static final String ENROLLMENTS = "stratus.simulator.enrollments";
    public static final String LATENCY = "stratus.simulator.enrollment.latency";

    private final Counter issued;
    private final Counter rejected;
    private final Counter errors;
    private final Timer latency;

    public EnrollmentMetrics(MeterRegistry registry) {
        this.issued = counter(registry, "issued");
        this.rejected = counter(registry, "rejected");
        this.errors = counter(registry, "error");
        this.latency = Timer.builder(LATENCY)
                .description("SCEP enrollment latency: first SCEP request until the certificate is in hand")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void issued(long millis) {
        issued.increment();
        latency.record(Duration.ofMillis(millis));
    }

    /** Certificates issued so far by this instance. */
    public long issuedCount() {
        return (long) issued.count();
    }

    public void rejected() {
        rejected.increment();
    }

    public void error() {
        errors.increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(ENROLLMENTS)
                .description("SCEP enrollments of simulated devices by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
