package io.stratus.cli;

import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.testkit.kafka.TopicSnapshot;

/**
 * {@code stratus bench --fan-out N}: how fast assigning a SCEP profile to a large group reaches the devices. Imports N
 * devices (bulk API, EC P-256 identity keys), puts them in a dynamic group, then, measured: assigns the demo SCEP
 * profile to the group and watches the broker until profile-service has published the N ProfileAssigned events (each
 * with its own sealed challenge) and until enrollment-service has consumed them. The CPU of every stack process over
 * that window is divided by N.
 */
final class FanOutBench {

    static final String ASSIGNMENTS_TOPIC = "stratus.assignments.v1";
    static final String ENROLLMENT_GROUP = "enrollment-service";
    private static final int IMPORT_CHUNK = 5_000;
    private static final int IDENTITY_KEYS = 32;
    private static final long POLL_MS = 100;

    private final StratusApi api;
    private final Admin kafka;
    private final String tenant;
    private final PrintWriter progress;
    private final Supplier<Map<String, Double>> cpu;

    FanOutBench(StratusApi api, Admin kafka, String tenant, PrintWriter progress, Supplier<Map<String, Double>> cpu) {
        this.api = api;
        this.kafka = kafka;
        this.tenant = tenant;
        this.progress = progress;
        this.cpu = cpu;
    }

    /** The measured run; fails with {@link StackException} when the events do not all arrive within {@code timeout}. */
    Result run(DemoSetup.Pki pki, String runId, int devices, Duration timeout) {
        String prefix = "fanout-" + runId + "-";
        long started = System.nanoTime();
        importDevices(prefix, devices);
        JsonNode group = api.createDynamicGroup(tenant, "fan-out " + runId, "device.name -startsWith \"" + prefix + "\"");
        progress.printf(Locale.ROOT, "Before the clock: %d devices imported and grouped after %.1f s%n", devices,
                seconds(System.nanoTime() - started));
        progress.flush();

        TopicSnapshot before = TopicSnapshot.take(kafka, List.of(ASSIGNMENTS_TOPIC));
        long publishedBefore = published(before);
        long consumedBefore = consumed(before);
        Map<String, Double> cpuAtStart = cpu.get();
        long start = System.nanoTime();
        JsonNode assignment = api.assign(tenant, pki.scepProfileId(), group.path("id").asText());
        double answeredAfter = seconds(System.nanoTime() - start);
        progress.printf(Locale.ROOT, "  assignment %s answered after %.1f s%n", assignment.path("id").asText(),
                answeredAfter);
        progress.flush();

        long deadline = start + timeout.toNanos();
        double publishedAfter = -1;
        Map<String, Double> cpuAtPublished = null;
        long nextProgress = 0;
        while (true) {
            long now = System.nanoTime();
            TopicSnapshot snapshot = TopicSnapshot.take(kafka, List.of(ASSIGNMENTS_TOPIC));
            long out = published(snapshot) - publishedBefore;
            long in = consumed(snapshot) - consumedBefore;
            if (publishedAfter < 0 && out >= devices) {
                publishedAfter = seconds(now - start);
                cpuAtPublished = cpu.get();
            }
            if (publishedAfter >= 0 && in >= devices) {
                double consumedAfter = seconds(now - start);
                Map<String, Double> cpuAtEnd = cpu.get();
                return new Result(devices, answeredAfter, publishedAfter, consumedAfter,
                        ProcessCpu.perUnit(cpuAtStart, cpuAtPublished, devices),
                        ProcessCpu.perUnit(cpuAtStart, cpuAtEnd, devices));
            }
            if (now > deadline) {
                throw new StackException("fan-out to " + devices + " devices: " + out + " ProfileAssigned published and "
                        + in + " consumed by enrollment-service after " + timeout.toSeconds() + " s");
            }
            if (now >= nextProgress) {
                progress.printf(Locale.ROOT, "  published %d/%d, consumed by enrollment-service %d%n", out, devices, in);
                progress.flush();
                nextProgress = now + Duration.ofSeconds(5).toNanos();
            }
            DemoSetup.sleep(POLL_MS);
        }
    }

    private void importDevices(String prefix, int devices) {
        List<String> keys = identityKeys();
        for (int from = 0; from < devices; from += IMPORT_CHUNK) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = from; i < Math.min(devices, from + IMPORT_CHUNK); i++) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", prefix + i);
                row.put("name", prefix + i);
                row.put("platform", "WINDOWS");
                row.put("serialNumber", "SN-" + prefix + i);
                row.put("identityPublicKey", keys.get(i % keys.size()));
                rows.add(row);
            }
            JsonNode result = api.importDevices(tenant, rows);
            if (result.path("imported").asInt(-1) != rows.size()) {
                throw new StackException("device import did not take every row: " + result);
            }
        }
    }

    /** A few P-256 public keys (PEM) the imported devices share; sealing costs the same per device either way. */
    private static List<String> identityKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < IDENTITY_KEYS; i++) {
                keys.add("-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                                generator.generateKeyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }

    private static long published(TopicSnapshot snapshot) {
        return snapshot.latest().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long consumed(TopicSnapshot snapshot) {
        return snapshot.committed().getOrDefault(ENROLLMENT_GROUP, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** One fan-out: the times from the assignment request, and CPU ms per assignment per process. */
    record Result(int devices, double answeredAfter, double publishedAfter, double consumedAfter,
            Map<String, Double> cpuUntilPublished, Map<String, Double> cpuUntilConsumed) {

        double publishedPerSecond() {
            return devices / publishedAfter;
        }

        double consumedPerSecond() {
            return devices / consumedAfter;
        }

        String humanLine() {
            return String.format(Locale.ROOT, "Fan-out: %d devices; the assignment call answered after %.1f s; all %d"
                    + " ProfileAssigned published after %.1f s (%.0f/s), consumed by enrollment-service after %.1f s"
                    + " (%.0f/s)%nCPU per assignment until published: %s%nCPU per assignment until consumed: %s",
                    devices, answeredAfter, devices, publishedAfter, publishedPerSecond(), consumedAfter,
                    consumedPerSecond(), cpuText(cpuUntilPublished), cpuText(cpuUntilConsumed));
        }

        String jsonLine() {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("fan_out_devices", devices);
            line.put("answered_after_s", round(answeredAfter));
            line.put("published_after_s", round(publishedAfter));
            line.put("published_per_s", round(publishedPerSecond()));
            line.put("consumed_after_s", round(consumedAfter));
            line.put("consumed_per_s", round(consumedPerSecond()));
            ObjectNode published = line.putObject("cpu_ms_per_assignment_until_published");
            cpuUntilPublished.forEach((process, ms) -> published.put(process, round(ms)));
            ObjectNode consumed = line.putObject("cpu_ms_per_assignment_until_consumed");
            cpuUntilConsumed.forEach((process, ms) -> consumed.put(process, round(ms)));
            return line.toString();
        }

        private static String cpuText(Map<String, Double> perProcess) {
            StringBuilder text = new StringBuilder();
            perProcess.forEach((process, ms) -> text.append(text.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f ms", process, ms)));
            return text.toString();
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }
}
