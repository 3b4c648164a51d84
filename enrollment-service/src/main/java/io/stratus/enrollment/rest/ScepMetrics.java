package io.stratus.enrollment.rest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.stratus.enrollment.service.GraceSlots;
import io.stratus.enrollment.service.IssuanceWaiters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code stratus_scep_requests_total{operation,outcome}}, the PKIOperation latency
 * ({@code stratus_scep_pkioperation_seconds{outcome}}) and the requests waiting for the CA
 * ({@code stratus_scep_waiting}) and those whose wait for it ran out ({@code stratus_scep_reply_timeouts_total}: answered
 * from the database, PENDING unless the outcome was stored meanwhile), and the unknown challenges refused without
 * waiting for their arrival because the CA's grace slots were all taken ({@code stratus_scep_challenge_grace_full_total}).
 */
@Startup
@ApplicationScoped
public class ScepMetrics {

    private final MeterRegistry registry;

    public ScepMetrics(MeterRegistry registry, IssuanceWaiters waiters, GraceSlots graceSlots) {
        this.registry = registry;
        FunctionCounter.builder("stratus.scep.challenge.grace.full", graceSlots, GraceSlots::refusedWithoutWait)
                .description("Unknown challenges refused without the arrival grace: every slot of the CA was taken")
                .register(registry);
        registry.gauge("stratus.scep.waiting", waiters, IssuanceWaiters::size);
        FunctionCounter.builder("stratus.scep.reply.timeouts", waiters, IssuanceWaiters::expiredWaits)
                .description("PKCSReqs whose wait for the CA's answer ran out").register(registry);
    }

    public void count(String operation, String outcome) {
        registry.counter("stratus.scep.requests", "operation", operation, "outcome", outcome).increment();
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void pkiOperation(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder("stratus.scep.pkioperation")
                .description("SCEP PKIOperation latency, from the request to the signed CertRep")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
        count(ScepOperation.PKI_OPERATION, outcome);
    }
}
