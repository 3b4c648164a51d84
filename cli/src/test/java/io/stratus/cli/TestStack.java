package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.stratus.testkit.Ports;

/**
 * A whole local stack for an end-to-end test, driven through the real CLI: {@code stratus up} in a temporary state
 * directory on free ports, verbs run in-process with {@link Main#run}, and {@link #downAndAssertNothingLeft()}.
 */
final class TestStack {
    private final Path state;
    private final Map<String, String> env = new HashMap<>(System.getenv());
    private final List<Long> pids = new ArrayList<>();

    private TestStack(Path state) {
        this.state = state;
        env.keySet().removeAll(List.of(Main.ENV_KAFKA, Main.ENV_DB_URL, Main.ENV_HOME));
    }

    /** What a verb printed and its exit code. */
    record Captured(int code, String out, String err) {
    }

    /** {@code stratus up} on free ports; asserts it worked and that six processes were recorded. */
    static TestStack up(Path state) throws IOException {
        return up(state, 1);
    }

    /**
     * {@code stratus up --replicas N} on free ports; asserts it worked and that infra, profile-service, the simulator,
     * the console and N processes each of ca-service and enrollment-service were recorded.
     */
    static TestStack up(Path state, int replicas) throws IOException {
        return up(state, replicas, Map.of());
    }

    /** {@code stratus up} with {@code settings} (e.g. {@code STRATUS_CA_DEADLINE_CHECK_INTERVAL}) in its environment. */
    static TestStack up(Path state, int replicas, Map<String, String> settings) throws IOException {
        TestStack stack = new TestStack(state);
        stack.env.putAll(settings);
        int[] p = Ports.free(8);
        int code = stack.run("up", "--ca-port", "" + p[0], "--enrollment-port", "" + p[1], "--profile-port", "" + p[2],
                "--simulator-port", "" + p[3], "--kafka-port", "" + p[4], "--controller-port", "" + p[5], "--pg-port", "" + p[6],
                "--console-port", "" + p[7], "--replicas", "" + replicas);
        stack.pids.addAll(stack.recordedPids());
        assertEquals(0, code, "stratus up failed");
        assertEquals(4 + 2 * replicas, stack.pids.size(), "pid files: " + stack.pids);
        return stack;
    }

    /** The stack's configuration as {@code up} saved it. */
    StackConfig config() {
        return StackConfig.load(state.resolve("stack.json"), env).orElseThrow();
    }

    Path state() {
        return state;
    }

    Map<String, String> env() {
        return env;
    }

    /** The base URL of a service of this stack. */
    String baseUrl(Service service) {
        return config().baseUrl(service);
    }

    /** Runs {@code stratus --dir STATE args...}, its output going to the test's output. */
    int run(String... args) {
        String[] full = withDir(args);
        System.out.println("$ stratus " + String.join(" ", full));
        return Main.run(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true), full);
    }

    /** Runs {@code stratus --dir STATE args...} and keeps what it printed. */
    Captured capture(String... args) {
        String[] full = withDir(args);
        System.out.println("$ stratus " + String.join(" ", full));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), full);
        System.out.print(out);
        System.err.print(err);
        return new Captured(code, out.toString(), err.toString());
    }

    /** Like {@link #capture} but asserts exit code 0. */
    Captured ok(String... args) {
        Captured c = capture(args);
        assertEquals(0, c.code(), "stratus " + String.join(" ", args) + " failed: " + c.err());
        return c;
    }

    /** A verb on a tenant with {@code --json}: asserts exit code 0 and parses what it printed. */
    com.fasterxml.jackson.databind.JsonNode json(String tenant, String... args) throws IOException {
        String[] full = new String[args.length + 3];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--tenant";
        full[args.length + 1] = tenant;
        full[args.length + 2] = "--json";
        return Json.MAPPER.readTree(ok(full).out());
    }

    /** Kills a service's process at once (SIGKILL, no shutdown hooks), as a crash would; {@code up} starts it again. */
    void kill(Service service) throws Exception {
        long pid = PidFile.read(state.resolve("pids").resolve(service.id() + ".pid")).orElseThrow();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("killed " + service.id() + " (pid " + pid + ")");
    }

    /** {@code stratus down}, then no recorded process, no process mentioning the state directory and no pid file. */
    void downAndAssertNothingLeft() throws Exception {
        assertEquals(0, run("down"), "stratus down failed");
        for (long pid : pids) {
            // our JVM started them, so a just-exited one may be a zombie for a moment until the JDK reaps it
            assertTrue(Procs.awaitExit(pid, Duration.ofSeconds(10)), "pid " + pid + " still running after down");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive after down");
        }
        assertEquals(List.of(), processesMentioning(state.toString()), "processes left behind");
        try (Stream<Path> s = Files.list(state.resolve("pids"))) {
            assertEquals(0, s.count(), "pid files left behind");
        }
    }

    /** {@code stratus down} without assertions, for a finally block after a failure. */
    void downQuietly() {
        run("down");
    }

    private String[] withDir(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--dir";
        full[1] = state.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return full;
    }

    private List<Long> recordedPids() throws IOException {
        List<Long> found = new ArrayList<>();
        Path dir = state.resolve("pids");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    OptionalLong pid = PidFile.read(f);
                    pid.ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /** Command lines (from /proc) that mention {@code text}: our services, LocalInfraMain and PostgreSQL all do. */
    private static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(text) && Long.parseLong(p.getFileName().toString()) != ProcessHandle.current().pid()) {
                        found.add(p.getFileName() + ": " + cmd.trim());
                    }
                } catch (IOException ignored) {
                    // process exited meanwhile
                }
            }
        }
        return found;
    }
}
