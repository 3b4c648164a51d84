package io.stratus.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stratus.testkit.KafkaCredentials;

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
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "Enroll N devices first, unmeasured, so that the JIT has compiled the hot paths (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--peer", paramLabel = "NAME",
            description = "micromdm: the same client and load (static challenge) against micromdm's scepserver (apt-get install -y scep) and against Stratus, side by side.")
    String peer;
    @Option(names = "--fan-out",
            description = "Measure assigning instead of enrolling: import N devices, group them, assign the demo SCEP profile and time until every ProfileAssigned (with its sealed challenge) is published and consumed by enrollment-service.")
    boolean fanOut;
    @Option(names = "--ocsp",
            description = "Measure the OCSP responder instead of enrolling: C clients ask the demo issuing CA about its certificates for --seconds, without a nonce (answers kept and served again) and then with a fresh nonce each.")
    boolean ocsp;
    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "With --ocsp: how long each measured run asks (default ${DEFAULT-VALUE}; a quarter of it warms up first).")
    int seconds;
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
        if (peer != null) {
            return sideBySide(api, stack, pki, progress, timeout);
        }
        if (fanOut) {
            return fanOut(api, stack, pki, runId, progress, timeout);
        }
        if (ocsp) {
            return ocsp(api, stack, pki, progress);
        }
        String group = setup.createGroup("bench-" + runId);
        setup.assign(pki, group);

        if (warmup > 0) {
            progress.println("Warm-up: " + warmup + " devices, not measured");
            measure(api, api.startBench(tenant, group, warmup, concurrency), timeout, progress, ProcessCpu.ofStack(stack.dir()));
        }
        Instant since = Instant.now();
        long timeoutsBefore = ScepReplyTimeouts.total(config);
        BenchResult r = measure(api, api.startBench(tenant, group, devices, concurrency), timeout, progress,
                ProcessCpu.ofStack(stack.dir()));
        r = r.checked(IssuanceCheck.of(api, tenant, pki.issuingId(), since))
                .withReplyTimeouts(timeoutsBefore, ScepReplyTimeouts.total(config));
        main.out().println(json ? r.jsonLine() : r.humanLine());
        main.out().flush();
        return r.failed() == 0 && r.issued() == devices && r.check().matches(r.issued()) ? 0 : 1;
    }

    /**
     * {@code --peer micromdm}: one client (the simulator's, static challenge, RSA-2048 keys from the bench pool) and one
     * load against micromdm's scepserver and then against Stratus's issuing CA with a static challenge of its own.
     */
    private int sideBySide(StratusApi api, LocalStack stack, DemoSetup.Pki pki, PrintWriter progress, Duration timeout) {
        if (!"micromdm".equals(peer)) {
            throw new IllegalArgumentException("--peer knows micromdm only");
        }
        String challenge = java.util.HexFormat.of().formatHex(randomBytes());
        String stratusUrl = pki.issuing().path("scepUrl").asText();
        api.enableStaticChallenge(tenant, pki.issuingId(), challenge);
        // the static challenge is for this run only: turned off again whatever happens
        try (MicromdmPeer micromdm = MicromdmPeer.start(challenge)) {
            progress.println("micromdm scepserver (pid " + micromdm.pid() + ") at " + micromdm.scepUrl() + ", depot in "
                    + micromdm.directory());
            if (warmup > 0) {
                progress.println("Warm-up: " + warmup + " enrollments at each server, not measured");
                measure(api, api.startStaticBench(micromdm.scepUrl().toString(), challenge, warmup, concurrency), timeout,
                        progress, ProcessCpu.ofPid("scepserver", micromdm.pid()));
                measure(api, api.startStaticBench(stratusUrl, challenge, warmup, concurrency), timeout, progress,
                        ProcessCpu.ofStack(stack.dir()));
            }
            progress.println("micromdm scepserver:");
            BenchResult theirs = measure(api, api.startStaticBench(micromdm.scepUrl().toString(), challenge, devices,
                    concurrency), timeout, progress, ProcessCpu.ofPid("scepserver", micromdm.pid()));
            progress.println("Stratus:");
            Instant since = Instant.now();
            BenchResult ours = measure(api, api.startStaticBench(stratusUrl, challenge, devices, concurrency), timeout,
                    progress, ProcessCpu.ofStack(stack.dir()));
            ours = ours.checked(IssuanceCheck.of(api, tenant, pki.issuingId(), since));
            main.out().println(json ? ours.jsonLineWithPeer("micromdm", theirs)
                    : "micromdm " + theirs.humanLine() + "\nStratus " + ours.humanLine() + "\n"
                            + ours.ratioLine("micromdm", theirs));
            main.out().flush();
            boolean complete = ours.failed() == 0 && ours.issued() == devices && ours.check().matches(ours.issued());
            return complete ? 0 : 1;
        } finally {
            api.disableStaticChallenge(tenant, pki.issuingId());
        }
    }

    private int fanOut(StratusApi api, LocalStack stack, DemoSetup.Pki pki, String runId, PrintWriter progress,
            Duration timeout) {
        KafkaCredentials admin = TopicsCommand.administrator(main.env(), stack.dir().kafkaData());
        StackConfig config = Stacks.ensureUp(stack);
        try (Admin kafka = Admin.create(
                admin.clientConfig(config.kafkaBootstrap()))) {
            FanOutBench.Result result = new FanOutBench(api, kafka, tenant, progress, ProcessCpu.ofStack(stack.dir()))
                    .run(pki, runId, devices, timeout);
            main.out().println(json ? result.jsonLine() : result.humanLine());
            main.out().flush();
            return 0;
        }
    }

    private int ocsp(StratusApi api, LocalStack stack, DemoSetup.Pki pki, PrintWriter progress) {
        if (seconds < 4) {
            throw new IllegalArgumentException("--seconds must be at least 4");
        }
        OcspBench bench = new OcspBench(URI.create(pki.issuing().path("ocspUrl").asText()),
                OcspBench.certificate(pki.issuing().path("certificatePem").asText()),
                OcspBench.serialsOf(api, tenant, pki.issuingId()), ProcessCpu.ofStack(stack.dir()), progress);
        Duration measured = Duration.ofSeconds(seconds);
        bench.run(false, concurrency, measured.dividedBy(4));
        OcspBench.Result cached = bench.run(false, concurrency, measured);
        bench.run(true, concurrency, measured.dividedBy(4));
        OcspBench.Result signed = bench.run(true, concurrency, measured);
        if (json) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("ocsp_clients", concurrency);
            cached.into(line);
            signed.into(line);
            main.out().println(line);
        } else {
            main.out().println(cached.humanLine());
            main.out().println(signed.humanLine());
        }
        main.out().flush();
        return cached.failures() == 0 && signed.failures() == 0 && cached.answers() > 0 && signed.answers() > 0 ? 0 : 1;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Polls a started bench to its end; its result with the CPU the sampled processes used in its measured phase. */
    private BenchResult measure(StratusApi api, JsonNode started, Duration timeout, PrintWriter progress,
            java.util.function.Supplier<Map<String, Double>> sampler) {
        String id = started.path("id").asText();
        progress.println("Bench " + id + ": " + devices + " devices, " + concurrency + " in flight");
        progress.flush();
        CpuWindow cpu = new CpuWindow(sampler);
        JsonNode last = poll(api, id, timeout, progress, cpu);
        if (!"DONE".equals(last.path("state").asText())) {
            throw new StackException("bench " + id + " " + last.path("state").asText() + ": " + last.path("error").asText(""));
        }
        return BenchResult.from(last, cpu.perEnrollment(last.path("issued").asInt()));
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Often enough that the CPU window matches the measured phase to about a tenth of a second. */
    private static final long POLL_EVERY_MS = 100;

    /** {@code issued 1234/5000, failed 0, 85.3/s} from a RUNNING bench's live counters. */
    static String progressLine(JsonNode bench) {
        return String.format(java.util.Locale.ROOT, "issued %d/%d, failed %d, %.1f/s", bench.path("issued").asLong(),
                bench.path("devices").asLong(), bench.path("failed").asLong(), bench.path("enrollments_per_second").asDouble());
    }

    /**
     * CPU samples of the stack's processes when the measured (RUNNING) phase starts and when it is DONE. A run short
     * enough to go from PREPARING to DONE between two polls starts from the last PREPARING sample.
     */
    static final class CpuWindow {
        private final java.util.function.Supplier<Map<String, Double>> sampler;
        private Map<String, Double> lastPreparing;
        private Map<String, Double> start;
        private Map<String, Double> end;

        CpuWindow(java.util.function.Supplier<Map<String, Double>> sampler) {
            this.sampler = sampler;
        }

        /** Called on every poll with the run's state. */
        void onPoll(String state) {
            if ("PREPARING".equals(state)) {
                lastPreparing = sampler.get();
            } else if ("RUNNING".equals(state) && start == null) {
                start = sampler.get();
            } else if ("DONE".equals(state) && end == null) {
                start = start != null ? start : lastPreparing;
                end = sampler.get();
            }
        }

        Map<String, Double> perEnrollment(int issued) {
            return start == null || end == null ? Map.of() : ProcessCpu.perUnit(start, end, issued);
        }
    }

    private static JsonNode poll(StratusApi api, String id, Duration timeout, PrintWriter progress, CpuWindow cpu) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastState = "";
        long nextProgress = 0;
        while (true) {
            JsonNode b = api.bench(id);
            String state = b.path("state").asText();
            cpu.onPoll(state);
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
            DemoSetup.sleep(POLL_EVERY_MS);
        }
    }
}
