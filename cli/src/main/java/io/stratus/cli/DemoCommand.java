package io.stratus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the stack if needed, create a two-tier PKI and a SCEP profile, enroll simulated devices",
                "and write root.pem, issuing.pem and devices/<id>.pem. Exit code 1 if a device failed or timed out."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "25", description = "Devices to enroll (default ${DEFAULT-VALUE}).")
    int devices;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the certificates (default <state dir>/demo).")
    Path outDir;
    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant (default ${DEFAULT-VALUE}).")
    String tenant;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the devices (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    /** What became of the devices. */
    record Outcome(List<String> enrolled, List<String> failed, Map<String, String> errors, double seconds, boolean timedOut) {
        double perSecond() {
            return seconds > 0 ? enrolled.size() / seconds : 0;
        }
    }

    @Override
    public Integer call() {
        if (devices < 1) {
            throw new IllegalArgumentException("--devices must be at least 1");
        }
        PrintWriter out = main.out();
        LocalStack stack = main.stack(out);
        StackConfig config = Stacks.ensureUp(stack);
        StratusApi api = new StratusApi(config, new Secrets(stack.dir()).adminToken());
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        String runId = RunIds.next();
        DemoSetup setup = new DemoSetup(api, tenant, out);
        DemoSetup.Pki pki = setup.prepare(runId, timeout);
        String group = setup.createGroup("demo-" + runId);

        long start = System.nanoTime();
        JsonNode created = api.createFleetDevices(tenant, group, devices, "demo-" + runId);
        List<String> ids = new ArrayList<>();
        created.path("deviceIds").forEach(n -> ids.add(n.asText()));
        if (ids.size() != devices) {
            throw new StackException("the device simulator created " + ids.size() + " devices instead of " + devices);
        }
        out.println("Created " + ids.size() + " simulated devices in group " + group);
        setup.assign(pki, group);
        Outcome outcome = await(api, ids, start, timeout, out);

        Path dir = outDir != null ? outDir : stack.dir().root().resolve("demo");
        writeCertificates(api, pki, outcome, dir);
        report(out, outcome, ids.size(), dir);
        return outcome.failed().isEmpty() && !outcome.timedOut() ? 0 : 1;
    }

    private Outcome await(StratusApi api, List<String> ids, long start, Duration timeout, PrintWriter out) {
        long deadline = start + timeout.toNanos();
        long lastPrint = 0;
        while (true) {
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            for (JsonNode d : api.fleetDevices(tenant)) {
                byId.put(d.path("deviceId").asText(), d);
            }
            List<String> enrolled = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (String id : ids) {
                JsonNode d = byId.get(id);
                String state = d == null ? "UNKNOWN" : d.path("state").asText();
                if ("ENROLLED".equals(state)) {
                    enrolled.add(id);
                } else if ("FAILED".equals(state)) {
                    failed.add(id);
                    errors.put(id, d.path("error").asText(""));
                }
            }
            long now = System.nanoTime();
            boolean done = enrolled.size() + failed.size() == ids.size();
            if (done || now > deadline) {
                return new Outcome(enrolled, failed, errors, (now - start) / 1e9, !done);
            }
            if (now - lastPrint > 2_000_000_000L) {
                out.printf("  %d/%d enrolled, %d failed%n", enrolled.size(), ids.size(), failed.size());
                out.flush();
                lastPrint = now;
            }
            DemoSetup.sleep(500);
        }
    }

    private void writeCertificates(StratusApi api, DemoSetup.Pki pki, Outcome outcome, Path dir) {
        try {
            Path devicesDir = dir.resolve("devices");
            Files.createDirectories(devicesDir);
            try (Stream<Path> old = Files.list(devicesDir)) {
                for (Path p : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".pem"))::iterator) {
                    Files.delete(p);
                }
            }
            Files.writeString(dir.resolve("root.pem"), api.authorityCertificatePem(tenant, pki.rootId()));
            Files.writeString(dir.resolve("issuing.pem"), api.authorityCertificatePem(tenant, pki.issuingId()));
            for (String id : outcome.enrolled()) {
                String pem = api.deviceCertificate(id)
                        .orElseThrow(() -> new StackException("device " + id + " is enrolled but the simulator has no certificate for it"));
                Files.writeString(devicesDir.resolve(safe(id) + ".pem"), pem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }

    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void report(PrintWriter out, Outcome o, int devices, Path dir) {
        out.printf("Demo: %d devices, %d issued, %d failed%s in %.1f s (%.1f enrollments/s)%n", devices, o.enrolled().size(),
                o.failed().size(), o.timedOut() ? ", " + (devices - o.enrolled().size() - o.failed().size()) + " timed out" : "",
                o.seconds(), o.perSecond());
        o.errors().entrySet().stream().limit(10).forEach(e -> out.println("  failed " + e.getKey() + ": " + e.getValue()));
        out.println("Certificates in " + dir.toAbsolutePath() + ": root.pem, issuing.pem, devices/ (" + o.enrolled().size() + ")");
        if (!o.enrolled().isEmpty()) {
            out.println("Check one: openssl verify -CAfile " + dir.resolve("root.pem") + " -untrusted " + dir.resolve("issuing.pem") + " "
                    + dir.resolve("devices").resolve(safe(o.enrolled().get(0)) + ".pem"));
        }
        out.flush();
    }
}
