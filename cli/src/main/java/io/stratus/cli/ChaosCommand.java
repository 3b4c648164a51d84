package io.stratus.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run a bench and crash the stack under it: SIGKILL ca-service, enrollment-service and profile-service in turn,"
                + " a crash of PostgreSQL (crash recovery) and a SIGKILL of the Kafka broker, each brought back at once;"
                + " the enrollments in flight meet the fault, the devices not yet started wait until the stack is ready.",
                "Then check from the databases that every device received exactly one certificate, that the CA signed"
                        + " no certificate that no device received, that every event was published, that the deployment"
                        + " report counts every device and that the audit chain verifies. Exit code 0 only if all of it holds."})
final class ChaosCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "200", description = "Devices to enroll (default ${DEFAULT-VALUE}).")
    int devices;
    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8", description = "Enrollments in flight (default ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--json", description = "Print exactly one JSON line (progress goes to stderr).")
    boolean json;
    @Option(names = "--tenant", defaultValue = "chaos", description = "Tenant (default ${DEFAULT-VALUE}).")
    String tenant;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "How long to wait for the run (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;
    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "180",
            description = "After the run, how long the services get to publish their last events and record the outcomes (default ${DEFAULT-VALUE} s).")
    int settleSeconds;

    private static final long POLL_EVERY_MS = 200;

    @Override
    public Integer call() {
        int shares = Fault.values().length + 1;
        if (concurrency < 1 || devices < shares * (concurrency + 1)) {
            throw new IllegalArgumentException("--concurrency must be at least 1 and --devices at least " + shares
                    + " x (concurrency + 1) = " + shares * (Math.max(concurrency, 1) + 1) + ": one fault after each"
                    + " share of the run, and each share larger than the enrollments in flight");
        }
        PrintWriter progress = json ? main.err() : main.out();
        LocalStack stack = main.stack(progress);
        StackConfig config = Stacks.ensureUp(stack);
        if (config.externalKafka() != null || config.externalDb() != null) {
            throw new StackException("stratus chaos crashes the local stack's own Kafka and PostgreSQL; it does not run"
                    + " with STRATUS_KAFKA_BOOTSTRAP or STRATUS_DB_URL");
        }
        StratusApi api = new StratusApi(config, new Secrets(stack.dir()).adminToken());
        String runId = RunIds.next();
        DemoSetup setup = new DemoSetup(api, tenant, progress);
        DemoSetup.Pki pki = setup.prepare(runId, Duration.ofMinutes(2));
        String group = setup.createGroup("chaos-" + runId);
        setup.assign(pki, group);

        Instant since = Instant.now();
        String benchId = api.startBench(tenant, group, devices, concurrency).path("id").asText();
        progress.println("Bench " + benchId + ": " + devices + " devices, " + concurrency + " in flight, "
                + Fault.values().length + " faults");
        progress.flush();
        List<FiredFault> fired = new ArrayList<>();
        JsonNode last = runWithFaults(stack, api, benchId, fired, progress);
        if (!"DONE".equals(last.path("state").asText())) {
            throw new StackException("bench " + benchId + " " + last.path("state").asText() + ": " + last.path("error").asText(""));
        }
        BenchResult bench = BenchResult.from(last);
        Map<String, BigInteger> received = received(api.benchCertificates(benchId));
        Settled settled = settle(config, api, pki, since, received, progress);
        JsonNode audit = api.verifyAudit(tenant);
        ChaosResult result = new ChaosResult(bench, fired, settled.check(), settled.reportSucceeded(),
                audit.path("valid").asBoolean(false), audit.path("records").asLong());
        main.out().println(json ? result.jsonLine() : result.humanLines());
        main.out().flush();
        return result.passes() ? 0 : 1;
    }

    /** Polls the bench to its end, injecting the next fault each time another share of the devices is through. */
    private JsonNode runWithFaults(LocalStack stack, StratusApi api, String benchId, List<FiredFault> fired,
            PrintWriter progress) {
        Fault[] faults = Fault.values();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            JsonNode b = api.bench(benchId);
            String state = b.path("state").asText();
            if ("DONE".equals(state) || "FAILED".equals(state)) {
                return b;
            }
            int issued = b.path("issued").asInt();
            int next = fired.size();
            if ("RUNNING".equals(state) && next < faults.length && issued >= threshold(next, faults.length)) {
                fired.add(inject(faults[next], issued, stack, api, benchId, progress));
                progress.println("  " + BenchCommand.progressLine(api.bench(benchId)));
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("bench " + benchId + " still " + state + " after " + timeoutSeconds + " s");
            }
            DemoSetup.sleep(POLL_EVERY_MS);
        }
    }

    /** Fault {@code i} of {@code count} fires once {@code (i+1)/(count+1)} of the devices are enrolled. */
    private int threshold(int i, int count) {
        return (int) ((long) devices * (i + 1) / (count + 1));
    }

    /**
     * Injects the fault, then holds the run until every service is ready again: the fault hits the enrollments in
     * flight (at most the concurrency), and the devices that have not started yet are kept for the next fault, so
     * every fault fires mid-run however fast the rest of the run would have gone.
     */
    private static FiredFault inject(Fault fault, int issued, LocalStack stack, StratusApi api, String benchId,
            PrintWriter progress) {
        progress.println("Fault at " + issued + " issued: " + fault.description());
        progress.flush();
        long start = System.nanoTime();
        fault.inject(stack);
        api.holdBench(benchId);
        try {
            stack.up(UpRequest.reuse());
        } finally {
            api.releaseBench(benchId);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.printf(java.util.Locale.ROOT, "  every service ready again after %.1f s%n", seconds);
        progress.flush();
        return new FiredFault(fault, issued, seconds);
    }

    private record Settled(ChaosCheck check, long reportSucceeded) {
    }

    /**
     * Waits (up to {@code --settle}) until the databases pass the check and the deployment report counts every
     * device: the last outbox rows are relayed and profile-service records the outcomes after the bench's end.
     */
    private Settled settle(StackConfig config, StratusApi api, DemoSetup.Pki pki, Instant since,
            Map<String, BigInteger> received, PrintWriter progress) {
        long deadline = System.nanoTime() + Duration.ofSeconds(settleSeconds).toNanos();
        while (true) {
            ChaosCheck check = ChaosCheck.of(config.database(), pki.issuingId(), since, received);
            long succeeded = api.profileReport(tenant, pki.scepProfileId()).path("succeeded").asLong();
            boolean settledNow = check.passes(devices) && succeeded == devices;
            if (settledNow || System.nanoTime() > deadline) {
                return new Settled(check, succeeded);
            }
            progress.println("  settling: " + check.certificates() + " certificates, report " + succeeded + " succeeded,"
                    + " unsent events " + check.outboxUnsent());
            progress.flush();
            DemoSetup.sleep(1000);
        }
    }

    private static Map<String, BigInteger> received(JsonNode certificates) {
        Map<String, BigInteger> byDevice = new HashMap<>();
        for (JsonNode item : certificates.path("items")) {
            byDevice.put(item.path("deviceId").asText(), new BigInteger(item.path("serial").asText(), 16));
        }
        return byDevice;
    }
}
