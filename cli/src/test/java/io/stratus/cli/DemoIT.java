package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Ports;

/**
 * End to end through the real CLI: {@code up} a whole stack (Kafka, PostgreSQL, four service JVMs) in a temporary
 * state directory on free ports, {@code demo --devices 5}, check every device certificate with OpenSSL, {@code down},
 * and make sure no process is left. Needs the services packaged (the reactor builds cli after them).
 */
class DemoIT {

    @Test
    void demoIssuesCertificatesThatOpenSslVerifiesAndDownLeavesNothing(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve(".stratus");
        Path out = tmp.resolve("demo-out");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(List.of(Main.ENV_KAFKA, Main.ENV_DB_URL, Main.ENV_HOME));
        int[] p = Ports.free(7);
        List<Long> pids = new ArrayList<>();
        try {
            int up = cli(env, "--dir", state.toString(), "up", "--ca-port", "" + p[0], "--enrollment-port", "" + p[1],
                    "--profile-port", "" + p[2], "--simulator-port", "" + p[3], "--kafka-port", "" + p[4],
                    "--controller-port", "" + p[5], "--pg-port", "" + p[6]);
            pids.addAll(recordedPids(state));
            assertEquals(0, up, "stratus up failed");
            assertEquals(5, pids.size(), "pid files: " + pids);

            assertEquals(0, cli(env, "--dir", state.toString(), "demo", "--devices", "5", "--out", out.toString()),
                    "stratus demo failed");

            Path root = out.resolve("root.pem");
            Path issuing = out.resolve("issuing.pem");
            assertTrue(Files.exists(root) && Files.exists(issuing));
            List<Path> devices;
            try (Stream<Path> s = Files.list(out.resolve("devices"))) {
                devices = s.filter(f -> f.toString().endsWith(".pem")).sorted().toList();
            }
            assertEquals(5, devices.size(), "device certificates: " + devices);
            for (Path device : devices) {
                OpenSsl.verifyChain(root, issuing, device);
            }
            // a second run reuses the demo CAs
            Path again = tmp.resolve("demo-again");
            assertEquals(0, cli(env, "--dir", state.toString(), "demo", "--devices", "2", "--out", again.toString()),
                    "second stratus demo failed");
            assertEquals(Files.readString(root), Files.readString(again.resolve("root.pem")));
            assertEquals(Files.readString(issuing), Files.readString(again.resolve("issuing.pem")));
            assertEquals(0, cli(env, "--dir", state.toString(), "status"));
        } finally {
            int down = cli(env, "--dir", state.toString(), "down");
            assertEquals(0, down, "stratus down failed");
        }
        for (long pid : pids) {
            // our JVM started them, so a just-exited one may be a zombie for a moment until the JDK reaps it
            assertTrue(Procs.awaitExit(pid, java.time.Duration.ofSeconds(10)), "pid " + pid + " still running after down");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive after down");
        }
        List<String> left = processesMentioning(state.toString());
        assertEquals(List.of(), left, "processes left behind");
        try (Stream<Path> s = Files.list(state.resolve("pids"))) {
            assertEquals(0, s.count(), "pid files left behind");
        }
    }

    private static int cli(Map<String, String> env, String... args) {
        System.out.println("$ stratus " + String.join(" ", args));
        return Main.run(env, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    private static List<Long> recordedPids(Path state) throws IOException {
        List<Long> pids = new ArrayList<>();
        Path dir = state.resolve("pids");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    OptionalLong pid = PidFile.read(f);
                    pid.ifPresent(pids::add);
                }
            }
        }
        return pids;
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
