package io.stratus.simulator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.stratus.simulator.entity.BenchResult;
import io.stratus.simulator.entity.BenchRun;

/**
 * A bench run as {@code GET /api/v1/fleet/bench/{id}} shows it. While RUNNING, {@code issued}, {@code failed},
 * {@code seconds} and {@code enrollments_per_second} are live progress; the percentiles come once DONE.
 */
public record BenchView(String id, String state, int devices, int concurrency, Integer issued, Integer failed,
        Double seconds, @JsonProperty("enrollments_per_second") Double enrollmentsPerSecond,
        @JsonProperty("p50_ms") Double p50Millis, @JsonProperty("p95_ms") Double p95Millis,
        @JsonProperty("p99_ms") Double p99Millis, String error) {

    static BenchView of(BenchRun run) {
        BenchResult result = run.result();
        if (result == null && run.state() == io.stratus.simulator.entity.BenchState.RUNNING) {
            return new BenchView(run.id(), run.state().name(), run.devices(), run.concurrency(), run.issuedSoFar(),
                    run.failedSoFar(), run.secondsSoFar(), run.enrollmentsPerSecondSoFar(), null, null, null, null);
        }
        if (result == null) {
            return new BenchView(run.id(), run.state().name(), run.devices(), run.concurrency(), null, null, null,
                    null, null, null, null, run.error());
        }
        return new BenchView(run.id(), run.state().name(), run.devices(), run.concurrency(), result.issued(),
                result.failed(), result.seconds(), result.enrollmentsPerSecond(), result.p50Millis(),
                result.p95Millis(), result.p99Millis(), run.error());
    }
}
