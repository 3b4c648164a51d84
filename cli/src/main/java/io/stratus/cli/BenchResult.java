package io.stratus.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A finished bench run as the device simulator reports it. */
record BenchResult(int devices, int issued, int failed, double seconds, double enrollmentsPerSecond,
        double p50Ms, double p95Ms, double p99Ms, Map<String, Double> cpuMsPerEnrollment, IssuanceCheck check,
        long replyTimeouts, Preparation preparation) {

    /**
     * The unmeasured preparation of a profile-driven run, in seconds from its start: until its devices were registered
     * and grouped, and until the last of them had its assignment (sealed challenge) and had prepared its request.
     */
    record Preparation(double registrationSeconds, double assignmentsSeconds) {
        static Preparation from(JsonNode n) {
            return n.hasNonNull("registration_seconds") && n.hasNonNull("assignments_seconds")
                    ? new Preparation(n.get("registration_seconds").asDouble(), n.get("assignments_seconds").asDouble())
                    : null;
        }
    }

    /** {@link #replyTimeouts} when they were not counted (a peer's run, or metrics that could not be read). */
    static final long NOT_COUNTED = -1;

    /** The load generator: its CPU is reported but not counted as the servers'. */
    static final String CLIENT = "device-simulator";

    static BenchResult from(JsonNode n) {
        return from(n, Map.of());
    }

    static BenchResult from(JsonNode n, Map<String, Double> cpuMsPerEnrollment) {
        double seconds = n.path("seconds").asDouble();
        int issued = n.path("issued").asInt();
        double eps = n.has("enrollments_per_second") ? n.get("enrollments_per_second").asDouble()
                : seconds > 0 ? issued / seconds : 0;
        return new BenchResult(n.path("devices").asInt(), issued, n.path("failed").asInt(), seconds, eps,
                n.path("p50_ms").asDouble(), n.path("p95_ms").asDouble(), n.path("p99_ms").asDouble(),
                Map.copyOf(cpuMsPerEnrollment), null, NOT_COUNTED, Preparation.from(n));
    }

    /** The same result with what ca-service recorded for the run. */
    BenchResult checked(IssuanceCheck verified) {
        return new BenchResult(devices, issued, failed, seconds, enrollmentsPerSecond, p50Ms, p95Ms, p99Ms,
                cpuMsPerEnrollment, verified, replyTimeouts, preparation);
    }

    /**
     * The same result with the PKCSReqs of the run whose wait for the CA ran out on enrollment-service (from
     * {@link ScepReplyTimeouts} before and after; not counted when either sample failed).
     */
    BenchResult withReplyTimeouts(long before, long after) {
        long count = before < 0 || after < 0 ? NOT_COUNTED : after - before;
        return new BenchResult(devices, issued, failed, seconds, enrollmentsPerSecond, p50Ms, p95Ms, p99Ms,
                cpuMsPerEnrollment, check, count, preparation);
    }

    /** CPU ms per issued enrollment summed over the server processes (services, Kafka, PostgreSQL), or NaN. */
    double serverCpuMsPerEnrollment() {
        if (cpuMsPerEnrollment.isEmpty()) {
            return Double.NaN;
        }
        return cpuMsPerEnrollment.entrySet().stream().filter(e -> !CLIENT.equals(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
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
        if (check != null) {
            o.put("ca_certificates", check.certificates());
            o.put("ca_devices_with_several", check.devicesWithSeveral());
        }
        if (replyTimeouts != NOT_COUNTED) {
            o.put("reply_timeouts", replyTimeouts);
        }
        if (preparation != null) {
            o.put("registration_seconds", round(preparation.registrationSeconds(), 3));
            o.put("assignments_seconds", round(preparation.assignmentsSeconds(), 3));
        }
        if (!cpuMsPerEnrollment.isEmpty()) {
            o.put("server_cpu_ms_per_enrollment", round(serverCpuMsPerEnrollment(), 2));
            ObjectNode perProcess = o.putObject("cpu_ms_per_enrollment");
            new TreeMap<>(cpuMsPerEnrollment).forEach((name, ms) -> perProcess.put(name, round(ms, 2)));
        }
        return o.toString();
    }

    /** The JSON line of Stratus's run with the peer's rate, percentiles, CPU and the ratio of the rates. */
    String jsonLineWithPeer(String peerName, BenchResult peer) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(jsonLine());
            o.put("peer", peerName);
            o.set("peer_result", Json.MAPPER.readTree(peer.jsonLine()));
            o.put("ratio_to_peer", round(ratioTo(peer), 2));
            return o.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Stratus / micromdm: 2.5x the rate, 0.4x the CPU per enrollment}. */
    String ratioLine(String peerName, BenchResult peer) {
        String cpu = cpuMsPerEnrollment.isEmpty() || peer.cpuMsPerEnrollment.isEmpty() ? ""
                : String.format(Locale.ROOT, ", %.2fx the server CPU per enrollment",
                        serverCpuMsPerEnrollment() / peer.serverCpuMsPerEnrollment());
        return String.format(Locale.ROOT, "Stratus / %s: %.2fx the rate%s", peerName, ratioTo(peer), cpu);
    }

    private double ratioTo(BenchResult peer) {
        return peer.enrollmentsPerSecond > 0 ? enrollmentsPerSecond / peer.enrollmentsPerSecond : 0;
    }

    String humanLine() {
        String line = String.format(Locale.ROOT, "Bench: %d devices, %d issued, %d failed in %.1f s: %.1f enrollments/s, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                devices, issued, failed, seconds, enrollmentsPerSecond, p50Ms, p95Ms, p99Ms);
        if (check != null) {
            line += System.lineSeparator() + check.line(issued);
        }
        if (preparation != null) {
            line += System.lineSeparator() + String.format(Locale.ROOT,
                    "Before the clock: %d devices registered and grouped after %.1f s, the last assignment (sealed challenge)"
                            + " handled after %.1f s",
                    devices, preparation.registrationSeconds(), preparation.assignmentsSeconds());
        }
        if (replyTimeouts != NOT_COUNTED) {
            line += System.lineSeparator() + replyTimeouts
                    + " PKCSReq(s) waited out the reply timeout (answered from the database, PENDING if not issued yet)";
        }
        if (cpuMsPerEnrollment.isEmpty()) {
            return line;
        }
        StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT,
                "%nCPU per enrollment: %.2f ms in the servers (", serverCpuMsPerEnrollment()));
        String separator = "";
        for (Map.Entry<String, Double> e : new TreeMap<>(cpuMsPerEnrollment).entrySet()) {
            if (!CLIENT.equals(e.getKey())) {
                cpu.append(separator).append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()));
                separator = ", ";
            }
        }
        Double client = cpuMsPerEnrollment.get(CLIENT);
        cpu.append(")").append(client == null ? "" : String.format(Locale.ROOT, "; load generator %.2f ms", client));
        return line + cpu;
    }

    /** Rounded; integral values without a fraction ({@code 40}, not {@code 40.0}). */
    static BigDecimal round(double v, int places) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
