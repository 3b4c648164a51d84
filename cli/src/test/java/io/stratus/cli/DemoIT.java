package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Ports;

/**
 * End to end through the real CLI: {@code up} a whole stack (Kafka, PostgreSQL, four service JVMs) in a temporary
 * state directory on free ports, {@code demo --devices 5}, check every device certificate with OpenSSL, then the admin
 * verbs ({@code ca}, {@code cert}, {@code audit}) on the same stack, {@code down}, and make sure no process is left. Needs the services packaged (the reactor builds cli after them).
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

            adminVerbsWorkOnTheDemoPki(env, state, tmp, devices.get(0));
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

    /**
     * After the demo, on the same stack: {@code ca list --json}, {@code ca download --format p7b}, {@code cert revoke} of a
     * demo device (then the issuing CA's CRL lists it) and {@code audit verify}.
     */
    private static void adminVerbsWorkOnTheDemoPki(Map<String, String> env, Path state, Path tmp, Path device) throws Exception {
        String dir = state.toString();
        Captured list = capture(env, "--dir", dir, "ca", "list", "--json");
        assertEquals(0, list.code(), list.err());
        JsonNode cas = Json.MAPPER.readTree(list.out());
        String rootId = idOf(cas, DemoSetup.ROOT_NAME, "ROOT");
        String issuingId = idOf(cas, DemoSetup.ISSUING_NAME, "ISSUING");

        Captured show = capture(env, "--dir", dir, "ca", "show", issuingId);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("parent:") && show.out().contains(rootId), show.out());

        Path p7b = tmp.resolve("issuing.p7b");
        assertEquals(0, cli(env, "--dir", dir, "ca", "download", issuingId, "--format", "p7b", "--out", p7b.toString()));
        String certs = OpenSsl.run("pkcs7", "-inform", "DER", "-in", p7b.toString(), "-print_certs");
        assertEquals(2, certs.split("-----BEGIN CERTIFICATE-----", -1).length - 1, certs);
        assertTrue(certs.contains(DemoSetup.ROOT_NAME) && certs.contains(DemoSetup.ISSUING_NAME), certs);

        // as OpenSSL prints it: serial=5F3A...
        String serialLine = OpenSsl.run("x509", "-noout", "-serial", "-in", device.toString()).strip();
        String serial = serialLine.substring(serialLine.indexOf('=') + 1).toUpperCase(java.util.Locale.ROOT);
        Captured revoke = capture(env, "--dir", dir, "cert", "revoke", serialLine, "--reason", "keyCompromise");
        assertEquals(0, revoke.code(), revoke.err());
        Captured shown = capture(env, "--dir", dir, "cert", "show", serial, "--json");
        assertEquals(0, shown.code(), shown.err());
        assertEquals("REVOKED", Json.MAPPER.readTree(shown.out()).path("status").asText(), shown.out());
        Captured again = capture(env, "--dir", dir, "cert", "revoke", serial, "--reason", "keyCompromise");
        assertEquals(Main.API_ERROR, again.code(), "revoking twice is a 409");
        assertTrue(again.err().startsWith("stratus: 409 "), again.err());

        String caUrl = StackConfig.load(state.resolve("stack.json"), env).orElseThrow().baseUrl(Service.CA);
        Path crl = tmp.resolve("issuing.crl");
        HttpClient http = HttpClient.newHttpClient();
        String text = "";
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(caUrl + "/pki/demo/" + issuingId + "/crl")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            Files.write(crl, r.body());
            text = OpenSsl.run("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text");
            if (text.toUpperCase(java.util.Locale.ROOT).contains("SERIAL NUMBER: " + serial)) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(text.toUpperCase(java.util.Locale.ROOT).contains("SERIAL NUMBER: " + serial), "CRL lacks " + serial + ":\n" + text);
        assertTrue(text.contains("Key Compromise"), text);

        Captured verify = capture(env, "--dir", dir, "audit", "verify");
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertTrue(verify.out().contains("is valid"), verify.out());
        Captured audit = capture(env, "--dir", dir, "audit", "list", "--limit", "1000", "--json");
        assertEquals(0, audit.code(), audit.err());
        assertTrue(audit.out().contains("CERTIFICATE_REVOKED"), audit.out());
    }

    private static String idOf(JsonNode cas, String name, String kind) {
        for (JsonNode ca : cas) {
            if (name.equals(ca.path("displayName").asText()) && kind.equals(ca.path("kind").asText())) {
                return ca.path("id").asText();
            }
        }
        throw new AssertionError("ca list --json lacks " + name + ": " + cas);
    }

    record Captured(int code, String out, String err) {
    }

    private static Captured capture(Map<String, String> env, String... args) {
        System.out.println("$ stratus " + String.join(" ", args));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        System.out.print(out);
        System.err.print(err);
        return new Captured(code, out.toString(), err.toString());
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
