package io.stratus.simulator.entity;

import java.util.Arrays;

/**
 * Numbers of a finished bench run: issued and failed enrollments, wall time of the enrollment phase,
 * throughput and latency percentiles (nearest rank over the sorted latencies of issued certificates).
 */
public record BenchResult(int issued, int failed, double seconds, double enrollmentsPerSecond, double p50Millis,
        double p95Millis, double p99Millis) {

    /** The result of enrollments whose latencies (ms) of issued certificates are given. */
    public static BenchResult of(double[] issuedLatencies, int failed, double seconds) {
        double[] sorted = issuedLatencies.clone();
        Arrays.sort(sorted);
        int issued = sorted.length;
        double throughput = seconds > 0 ? issued / seconds : 0;
        return new BenchResult(issued, failed, seconds, throughput, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99));
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
