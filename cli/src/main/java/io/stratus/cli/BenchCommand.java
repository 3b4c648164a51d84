package io.stratus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Enroll N fresh simulated devices over SCEP with C in flight and print enrollments/s and latency percentiles.",
                "Starts the stack and the demo PKI if needed."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "100", description = "Devices to enroll (default ${DEFAULT-VALUE}).")
    int devices;
    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8", description = "Enrollments in flight (default ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--json", description = "Print exactly one JSON line (progress goes to stderr).")
    boolean json;
    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant (default ${DEFAULT-VALUE}).")
    String tenant;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "How long to wait for the run (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (devices < 1 || concurrency < 1) {
            throw new IllegalArgumentException("--devices and --concurrency must be at least 1");
        }
        PrintWriter progress = json ? main.err() : main.out();
        LocalStack stack = main.stack(progress);
        StackConfig config = Stacks.ensureUp(stack);
        StratusApi api = new StratusApi(config, new Secrets(stack.dir()).adminToken());
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        String runId = RunIds.next();
        DemoSetup setup = new DemoSetup(api, tenant, progress);
        DemoSetup.Pki pki = setup.prepare(runId, Duration.ofMinutes(2));
        String group = setup.createGroup("bench-" + runId);
        setup.assign(pki, group);

        String id = api.startBench(tenant, group, devices, concurrency).path("id").asText();
        progress.println("Bench " + id + ": " + devices + " devices, " + concurrency + " in flight");
        progress.flush();
        JsonNode last = poll(api, id, timeout, progress);
        if (!"DONE".equals(last.path("state").asText())) {
            throw new StackException("bench " + id + " " + last.path("state").asText() + ": " + last.path("error").asText(""));
        }
        BenchResult r = BenchResult.from(last);
        main.out().println(json ? r.jsonLine() : r.humanLine());
        main.out().flush();
        return r.failed() == 0 && r.issued() == devices ? 0 : 1;
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** {@code issued 1234/5000, failed 0, 85.3/s} from a RUNNING bench's live counters. */
    static String progressLine(JsonNode bench) {
        return String.format(java.util.Locale.ROOT, "issued %d/%d, failed %d, %.1f/s", bench.path("issued").asLong(),
                bench.path("devices").asLong(), bench.path("failed").asLong(), bench.path("enrollments_per_second").asDouble());
    }

    private static JsonNode poll(StratusApi api, String id, Duration timeout, PrintWriter progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastState = "";
        long nextProgress = 0;
        while (true) {
            JsonNode b = api.bench(id);
            String state = b.path("state").asText();
            if (!state.equals(lastState)) {
                progress.println("  " + state.toLowerCase());
                progress.flush();
                lastState = state;
            }
            if ("RUNNING".equals(state) && System.nanoTime() >= nextProgress) {
                progress.println("  " + progressLine(b));
                progress.flush();
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            if ("DONE".equals(state) || "FAILED".equals(state)) {
                return b;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("bench " + id + " still " + state + " after " + timeout.toSeconds() + " s");
            }
            DemoSetup.sleep(500);
        }
    }
}
