package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.JwtIssuer;

class SecretsAndOutputTest {

    @Test
    void adminTokenIsCreatedOnceAndReplacedWhenTheKeyChanges(@TempDir Path dir) throws Exception {
        StackDir stack = new StackDir(dir);
        String first = new Secrets(stack).adminToken();
        assertEquals(first, new Secrets(stack).adminToken());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.adminToken())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.jwt())));
        assertTrue(Secrets.signedBy(first, JwtIssuer.load(stack.jwt()).publicKey()));
        assertTrue(Secrets.expiresAfter(first, Instant.now().plus(Secrets.TOKEN_TTL).minusSeconds(60)));
        assertFalse(Secrets.expiresAfter("garbage", Instant.now()));

        JwtIssuer.generate().save(stack.jwt()); // a new key pair: the old token no longer verifies
        String second = new Secrets(stack).adminToken();
        assertNotEquals(first, second);
        assertTrue(Secrets.signedBy(second, JwtIssuer.load(stack.jwt()).publicKey()));
    }

    @Test
    void tokenCommandPrintsTheSavedToken(@TempDir Path dir) {
        CommandParsingTest.Result r = CommandParsingTest.run("--dir", dir.toString(), "token");
        assertEquals(0, r.code(), r.err());
        assertEquals(new Secrets(new StackDir(dir)).adminToken(), r.out().trim());
    }

    @Test
    void aConsoleSignInGrantIsAPrivateFileNamedByTheCodesHash(@TempDir Path dir) throws Exception {
        StackDir stack = new StackDir(dir);
        String code = ConsoleCommand.grant(stack, "the-token");
        assertTrue(code.matches("[A-Za-z0-9_-]{43}"), code);
        String name = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(code.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        Path file = stack.consoleSignIn().resolve(name);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode grant = Json.MAPPER.readTree(file.toFile());
        assertEquals("the-token", grant.path("token").asText());
        Instant expires = Instant.parse(grant.path("expiresAt").asText());
        assertTrue(expires.isAfter(Instant.now()) && expires.isBefore(Instant.now().plus(ConsoleCommand.LINK_LIFETIME)
                .plusSeconds(1)), expires.toString());
        try (var files = Files.list(stack.consoleSignIn())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains(code)), "the code itself is not stored");
        }
    }

    @Test
    void theConsoleVerbNeedsARunningConsole(@TempDir Path dir) {
        CommandParsingTest.Result r = CommandParsingTest.run("--dir", dir.toString(), "console");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("stratus up"), r.err());
    }

    @Test
    void theAdminTokenLastsHalfADayAndIsForStratusOnly(@TempDir Path dir) throws Exception {
        JsonNode claims = claims(new Secrets(new StackDir(dir)).adminToken());
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertEquals(java.time.Duration.ofHours(12).toSeconds(), lifetime, claims.toString());
        assertEquals(JwtIssuer.AUDIENCE, claims.path("aud").asText());
    }

    @Test
    void aTokenSavedByAnOlderVersionIsReplaced(@TempDir Path dir) throws Exception {
        StackDir stack = new StackDir(dir);
        JwtIssuer issuer = new Secrets(stack).issuer();
        String thirtyDays = issuer.adminToken(java.time.Duration.ofDays(30));
        Files.writeString(stack.adminToken(), thirtyDays);
        assertNotEquals(thirtyDays, new Secrets(stack).adminToken(), "longer-lived than a token minted today");
        String otherAudience = issuer.token("admin", io.stratus.testkit.Roles.ALL, java.util.Set.of("*"),
                java.time.Duration.ofHours(2), "another-system");
        Files.writeString(stack.adminToken(), otherAudience);
        String replaced = new Secrets(stack).adminToken();
        assertNotEquals(otherAudience, replaced, "not for Stratus's audience");
        assertEquals(replaced, new Secrets(stack).adminToken(), "a current token is kept");
    }

    @Test
    void tokenWithRoleAndTenantHasThoseOnlyAndIsNotSaved(@TempDir Path dir) throws Exception {
        CommandParsingTest.Result r = CommandParsingTest.run("--dir", dir.toString(), "token", "--role", "ca.read",
                "--role", "audit.read", "--tenant", "acme", "--ttl", "30m");
        assertEquals(0, r.code(), r.err());
        JsonNode claims = claims(r.out().trim());
        assertEquals("[\"audit.read\",\"ca.read\"]", claims.path("groups").toString());
        assertEquals("[\"acme\"]", claims.path("tenants").toString());
        assertEquals(1800, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals(JwtIssuer.AUDIENCE, claims.path("aud").asText());
        assertTrue(Secrets.signedBy(r.out().trim(), JwtIssuer.load(new StackDir(dir).jwt()).publicKey()));
        assertFalse(Files.exists(new StackDir(dir).adminToken()), "a scoped token is printed, not saved");

        for (String[] bad : new String[][] {{"--role", "ca.root", "--tenant", "acme"}, {"--role", "ca.read"},
                {"--role", "ca.read", "--tenant", "a b"}, {"--role", "ca.read", "--tenant", "acme", "--ttl", "13h"},
                {"--role", "ca.read", "--tenant", "acme", "--ttl", "soon"}}) {
            String[] args = new String[bad.length + 3];
            args[0] = "--dir";
            args[1] = dir.toString();
            args[2] = "token";
            System.arraycopy(bad, 0, args, 3, bad.length);
            CommandParsingTest.Result refused = CommandParsingTest.run(args);
            assertEquals(1, refused.code(), String.join(" ", bad) + ": " + refused.out() + refused.err());
            assertTrue(refused.out().isBlank(), "no token printed for " + String.join(" ", bad));
        }
    }

    private static JsonNode claims(String jwt) throws Exception {
        return Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void benchJsonIsExactlyOneLineWithTheAgreedKeys() throws Exception {
        JsonNode sim = Json.MAPPER.readTree("{\"state\":\"DONE\",\"devices\":100,\"issued\":99,\"failed\":1,\"seconds\":2.00049,"
                + "\"enrollments_per_second\":49.4878,\"p50_ms\":12.34,\"p95_ms\":40,\"p99_ms\":80.06}");
        String line = BenchResult.from(sim).jsonLine();
        assertEquals("{\"devices\":100,\"issued\":99,\"failed\":1,\"seconds\":2,\"enrollments_per_second\":49.5,"
                + "\"p50_ms\":12.3,\"p95_ms\":40,\"p99_ms\":80.1}", line);
        assertFalse(line.contains("\n"));
        assertTrue(BenchResult.from(sim).humanLine().contains("49.5 enrollments/s"));
    }

    @Test
    void benchReportsCpuPerEnrollmentOfTheServersApartFromTheLoadGenerator() throws Exception {
        JsonNode sim = Json.MAPPER.readTree("{\"devices\":100,\"issued\":100,\"failed\":0,\"seconds\":2,"
                + "\"p50_ms\":12.3,\"p95_ms\":40,\"p99_ms\":80.1}");
        Map<String, Double> before = Map.of("infra", 1000.0, "ca-service", 500.0, "device-simulator", 0.0);
        Map<String, Double> after = Map.of("infra", 1100.0, "ca-service", 750.0, "device-simulator", 400.0,
                "enrollment-service", 9.0);
        BenchResult r = BenchResult.from(sim, ProcessCpu.perUnit(before, after, 100));
        assertEquals(3.5, r.serverCpuMsPerEnrollment(), 1e-9, "1 + 2.5, the simulator left out");
        String line = r.jsonLine();
        assertTrue(line.contains("\"server_cpu_ms_per_enrollment\":3.5"), line);
        assertTrue(line.contains("\"cpu_ms_per_enrollment\":{\"ca-service\":2.5,\"device-simulator\":4,\"infra\":1}"),
                "a process without a first sample is left out: " + line);
        assertTrue(r.humanLine().contains("3.50 ms in the servers (ca-service 2.50, infra 1.00); load generator 4.00 ms"),
                r.humanLine());
    }

    @Test
    void benchShowsWhatCaServiceRecordedForTheRun() throws Exception {
        JsonNode sim = Json.MAPPER.readTree("{\"devices\":100,\"issued\":99,\"failed\":1,\"seconds\":2}");
        BenchResult r = BenchResult.from(sim).checked(new IssuanceCheck(99, 0));
        assertTrue(r.jsonLine().contains("\"ca_certificates\":99,\"ca_devices_with_several\":0"), r.jsonLine());
        assertTrue(r.humanLine().contains("99 certificates signed for this run (the bench saw 99 issued), 0 devices"
                + " with more than one: nothing lost, nothing doubled"), r.humanLine());
        assertTrue(new IssuanceCheck(99, 0).matches(99));
        assertFalse(new IssuanceCheck(98, 0).matches(99), "one lost");
        assertFalse(new IssuanceCheck(100, 1).matches(99), "one doubled");
        assertTrue(new IssuanceCheck(100, 1).line(99).endsWith("MISMATCH"));
    }

    @Test
    void benchCountsTheRequestsThatWaitedOutTheReplyTimeout() throws Exception {
        JsonNode sim = Json.MAPPER.readTree("{\"devices\":10,\"issued\":10,\"failed\":0,\"seconds\":2}");
        BenchResult r = BenchResult.from(sim).withReplyTimeouts(4, 7);
        assertTrue(r.jsonLine().contains("\"reply_timeouts\":3"), r.jsonLine());
        assertTrue(r.humanLine().contains("3 PKCSReq(s) waited out the reply timeout"), r.humanLine());
        assertFalse(BenchResult.from(sim).withReplyTimeouts(-1, 7).jsonLine().contains("reply_timeouts"),
                "not counted when a replica's metrics could not be read");
        String exposition = "# TYPE stratus_scep_reply_timeouts_total counter\n"
                + "stratus_scep_reply_timeouts_total 12.0\nstratus_scep_waiting 0.0\n";
        assertEquals(12, ScepReplyTimeouts.counter(exposition));

        JsonNode prepared = Json.MAPPER.readTree("{\"devices\":10,\"issued\":10,\"failed\":0,\"seconds\":2,"
                + "\"registration_seconds\":1.5,\"assignments_seconds\":4.25}");
        assertTrue(BenchResult.from(prepared).jsonLine().contains("\"registration_seconds\":1.5,\"assignments_seconds\":4.25"),
                BenchResult.from(prepared).jsonLine());
        assertTrue(BenchResult.from(prepared).humanLine().contains("the last assignment (sealed challenge) handled after 4.3 s"),
                BenchResult.from(prepared).humanLine());
        assertEquals(-1, ScepReplyTimeouts.counter("stratus_scep_waiting 0.0\n"));
    }

    @Test
    void processCpuReadsThisJvmsOwnCounters() {
        long self = ProcessHandle.current().pid();
        double first = ProcessCpu.millis(self);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long spinUntil = threads.getCurrentThreadCpuTime() + 100_000_000L; // 100 ms of this thread's CPU
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() < spinUntil) {
            sink += Math.sqrt(sink + 1);
        }
        double second = ProcessCpu.millis(self);
        assertTrue(first > 0 && second - first >= 80, first + " then " + second + " (" + sink + ")");
        assertEquals(-1, ProcessCpu.millis(Long.MAX_VALUE));
    }

    @Test
    void benchProgressLineShowsTheLiveCounters() throws Exception {
        JsonNode running = Json.MAPPER.readTree("{\"state\":\"RUNNING\",\"devices\":5000,\"issued\":1234,\"failed\":2,"
                + "\"enrollments_per_second\":85.26}");
        assertEquals("issued 1234/5000, failed 2, 85.3/s", BenchCommand.progressLine(running));
    }

    @Test
    void statusOfAnEmptyDirectorySaysNothingRuns(@TempDir Path dir) throws Exception {
        CommandParsingTest.Result r = CommandParsingTest.run(Map.of(), "--dir", dir.toString(), "status", "--json");
        assertEquals(StatusCommand.NOT_RUNNING, r.code());
        JsonNode s = Json.MAPPER.readTree(r.out());
        assertFalse(s.get("running").asBoolean());
        assertEquals("http://localhost:8081", s.path("services").path("ca-service").path("url").asText());
        assertFalse(s.path("services").path("device-simulator").path("running").asBoolean(true));
        assertEquals("127.0.0.1:19092", s.get("kafka").asText());
        assertEquals("postgresql://127.0.0.1:15432", s.get("database").asText());
        assertFalse(s.path("infra").path("running").asBoolean(true));
        CommandParsingTest.Result text = CommandParsingTest.run("--dir", dir.toString(), "status");
        assertTrue(text.out().contains("stopped"), text.out());
        CommandParsingTest.Result down = CommandParsingTest.run("--dir", dir.toString(), "down");
        assertEquals(0, down.code());
        assertTrue(down.out().contains("Nothing is running"), down.out());
    }

    @Test
    void upRefusesAPortInUse(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            CommandParsingTest.Result r = CommandParsingTest.run(Map.of(Main.ENV_KAFKA, "127.0.0.1:1", Main.ENV_DB_URL,
                    "postgresql://u:p@127.0.0.1:1"), "--dir", dir.toString(), "up", "--ca-port", String.valueOf(s.getLocalPort()),
                    "--timeout", "5");
            assertEquals(1, r.code());
            assertTrue(r.err().contains("port " + s.getLocalPort() + " (ca-service) is in use"), r.err());
        }
    }
}
