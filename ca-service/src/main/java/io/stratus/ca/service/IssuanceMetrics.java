package io.stratus.ca.service;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Issuance metrics: {@code stratus_certificates_issued_total{authority,purpose}},
 * {@code stratus_certificates_rejected_total{reason}} and the signing timer {@code stratus_certificate_signing_seconds}.
 */
@Startup
@ApplicationScoped
public class IssuanceMetrics {

    private final MeterRegistry registry;
    private final Timer signing;

    public IssuanceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.signing = Timer.builder("stratus.certificate.signing")
                .description("Time to sign one leaf certificate")
                .publishPercentileHistogram()
                .register(registry);
        // every reason from the start, at 0: a rate or an alert on them has a series before the first refusal
        IssuanceRejection.REASONS.forEach(reason -> rejectedCounter(reason));
    }

    public void issued(String authorityId, RequestPurpose purpose) {
        Counter.builder("stratus.certificates.issued")
                .description("Certificates signed")
                .tag("authority", authorityId)
                .tag("purpose", String.valueOf(purpose))
                .register(registry)
                .increment();
    }

    public void rejected(String reason) {
        rejectedCounter(reason).increment();
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("stratus.certificates.rejected")
                .description("Certificate requests refused")
                .tag("reason", reason)
                .register(registry);
    }

    public <T> T timeSigning(Supplier<T> signingWork) {
        return signing.record(signingWork);
    }
}
