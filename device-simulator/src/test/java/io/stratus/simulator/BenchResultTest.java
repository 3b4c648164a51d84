package io.stratus.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.stratus.simulator.entity.BenchResult;

/** Bench numbers: nearest-rank percentiles over sorted latencies, throughput over wall time. */
class BenchResultTest {

    @Test
    void percentilesUseTheNearestRankOfSortedLatencies() {
        double[] latencies = new double[100];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        BenchResult result = BenchResult.of(latencies, 3, 2.0);
        assertEquals(100, result.issued());
        assertEquals(3, result.failed());
        assertEquals(50.0, result.enrollmentsPerSecond());
        assertEquals(50.0, result.p50Millis());
        assertEquals(95.0, result.p95Millis());
        assertEquals(99.0, result.p99Millis());
    }

    @Test
    void fewLatenciesStillGiveOrderedPercentiles() {
        BenchResult result = BenchResult.of(new double[] {30, 10, 20}, 0, 1.5);
        assertEquals(20.0, result.p50Millis());
        assertEquals(30.0, result.p95Millis());
        assertEquals(30.0, result.p99Millis());
        assertEquals(2.0, result.enrollmentsPerSecond());
    }

    @Test
    void noIssuedCertificatesGiveZeros() {
        BenchResult result = BenchResult.of(new double[0], 5, 1.0);
        assertEquals(0, result.issued());
        assertEquals(5, result.failed());
        assertEquals(0.0, result.p99Millis());
        assertEquals(0.0, result.enrollmentsPerSecond());
    }
}
