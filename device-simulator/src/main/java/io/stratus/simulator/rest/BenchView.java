package io.stratus.simulator.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.stratus.simulator.entity.BenchResult;
import io.stratus.simulator.entity.BenchRun;

/**
 * A bench run as {@code GET /api/v1/fleet/bench/{id}} shows it. While RUNNING, {@code issued}, {@code failed},
 * {@code seconds} and {@code enrollments_per_second} are live progress; the percentiles come once DONE. Of the
 * preparation (before the clock): {@code registration_seconds} from the start until the devices were registered
 * and grouped, {@code assignments_seconds} until the last of them had its assignment and prepared its enrollment. {@code held}: no device starts its enrollment until the run is released.
 */
public record BenchView(String id, String state, int devices, int concurrency, Integer issued, Integer failed,
        Double seconds, @JsonProperty("enrollments_per_second") Double enrollmentsPerSecond,
        @JsonProperty("p50_ms") Double p50Millis, @JsonProperty("p95_ms") Double p95Millis,
        @JsonProperty("p99_ms") Double p99Millis, String error,
        @JsonProperty("registration_seconds") Double registrationSeconds,
        @JsonProperty("assignments_seconds") Double assignmentsSeconds, boolean held) {

    static BenchView of(BenchRun run) {
        BenchResult result = run.result();
        Double registration = known(run.registrationSeconds());
        Double assignments = known(run.assignmentsSeconds());
        if (result == null && run.state() == io.stratus.simulator.entity.BenchState.RUNNING) {
            return new BenchView(run.id(), run.state().name(), run.devices(), run.concurrency(), run.issuedSoFar(),
                    run.failedSoFar(), run.secondsSoFar(), run.enrollmentsPerSecondSoFar(), null, null, null, null,
                    registration, assignments, run.held());
        }
        if (result == null) {
            return new BenchView(run.id(), run.state().name(), run.devices(), run.concurrency(), null, null, null,
                    null, null, null, null, run.error(), registration, assignments, run.held());
        }
        return new BenchView(run.id(), run.state().name(), run.devices(), run.concurrency(), result.issued(),
                result.failed(), result.seconds(), result.enrollmentsPerSecond(), result.p50Millis(),
                result.p95Millis(), result.p99Millis(), run.error(), registration, assignments, run.held());
    }

    private static Double known(double seconds) {
        return Double.isNaN(seconds) ? null : seconds;
    }
}
