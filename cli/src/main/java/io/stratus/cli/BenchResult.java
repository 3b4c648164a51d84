package io.stratus.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A finished bench run as the device simulator reports it. */
record BenchResult(int devices, int issued, int failed, double seconds, double enrollmentsPerSecond,
        double p50Ms, double p95Ms, double p99Ms) {

    static BenchResult from(JsonNode n) {
        double seconds = n.path("seconds").asDouble();
        int issued = n.path("issued").asInt();
        double eps = n.has("enrollments_per_second") ? n.get("enrollments_per_second").asDouble()
                : seconds > 0 ? issued / seconds : 0;
        return new BenchResult(n.path("devices").asInt(), issued, n.path("failed").asInt(), seconds, eps,
                n.path("p50_ms").asDouble(), n.path("p95_ms").asDouble(), n.path("p99_ms").asDouble());
    }

    /** Exactly one line: {@code {"devices":N,"issued":..,"failed":..,"seconds":..,"enrollments_per_second":..,"p50_ms":..,...}}. */
    String jsonLine() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("devices", devices);
        o.put("issued", issued);
        o.put("failed", failed);
        o.put("seconds", round(seconds, 3));
        o.put("enrollments_per_second", round(enrollmentsPerSecond, 1));
        o.put("p50_ms", round(p50Ms, 1));
        o.put("p95_ms", round(p95Ms, 1));
        o.put("p99_ms", round(p99Ms, 1));
        return o.toString();
    }

    String humanLine() {
        return String.format("Bench: %d devices, %d issued, %d failed in %.1f s: %.1f enrollments/s, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                devices, issued, failed, seconds, enrollmentsPerSecond, p50Ms, p95Ms, p99Ms);
    }

    /** Rounded; integral values without a fraction ({@code 40}, not {@code 40.0}). */
    private static BigDecimal round(double v, int places) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
