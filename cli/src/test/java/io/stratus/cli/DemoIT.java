package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SystemTool;

/**
 * End to end through the real CLI: {@code up} a whole stack (Kafka, PostgreSQL, five service JVMs) in a temporary
 * state directory on free ports, {@code demo --devices 5}, check every device certificate with OpenSSL, then the web
 * console in Chromium and the admin verbs ({@code ca}, {@code cert}, {@code audit}) on the same stack, {@code down},
 * and make sure no process is left. The tests run in order on the one stack. Needs the services packaged (the reactor
 * builds cli after them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
    @TempDir
    static Path tmp;
    private TestStack stack;
    private Path out;
    private final List<Path> devices = new ArrayList<>();

    @BeforeAll
    void up() throws Exception {
        out = tmp.resolve("demo-out");
        stack = TestStack.up(tmp.resolve(".stratus"));
    }

    @AfterAll
    void downLeavesNothing() throws Exception {
        stack.downAndAssertNothingLeft();
    }

    @Test
    @Order(1)
    void demoIssuesCertificatesThatOpenSslVerifies() throws Exception {
        assertEquals(0, stack.run("demo", "--devices", "5", "--out", out.toString()), "stratus demo failed");

        Path root = out.resolve("root.pem");
        Path issuing = out.resolve("issuing.pem");
        assertTrue(Files.exists(root) && Files.exists(issuing));
        try (Stream<Path> s = Files.list(out.resolve("devices"))) {
            devices.addAll(s.filter(f -> f.toString().endsWith(".pem")).sorted().toList());
        }
        assertEquals(5, devices.size(), "device certificates: " + devices);
        for (Path device : devices) {
            OpenSsl.verifyChain(root, issuing, device);
        }
        // a second run reuses the demo CAs
        Path again = tmp.resolve("demo-again");
        assertEquals(0, stack.run("demo", "--devices", "2", "--out", again.toString()), "second stratus demo failed");
        assertEquals(Files.readString(root), Files.readString(again.resolve("root.pem")));
        assertEquals(Files.readString(issuing), Files.readString(again.resolve("issuing.pem")));
        assertEquals(0, stack.run("status"));

        // the bench through the whole stack: what ca-service recorded agrees with what the bench counted
        com.fasterxml.jackson.databind.JsonNode bench = Json.MAPPER.readTree(stack.ok("bench", "--devices", "6",
                "--concurrency", "3", "--warmup", "2", "--json").out());
        assertEquals(6, bench.path("issued").asInt(), bench.toString());
        assertEquals(6, bench.path("ca_certificates").asInt(), "ca-service's own count: " + bench);
        assertEquals(0, bench.path("ca_devices_with_several").asInt(), bench.toString());
        assertTrue(bench.path("server_cpu_ms_per_enrollment").asDouble() > 0, bench.toString());
        assertTrue(bench.path("cpu_ms_per_enrollment").has("ca-service"), bench.toString());

        // an assignment to more devices than one rollout slice (1,000): every ProfileAssigned reaches the topic
        // and enrollment-service (the bench waits on the broker's offsets and fails otherwise)
        com.fasterxml.jackson.databind.JsonNode fanOut = Json.MAPPER.readTree(stack.ok("bench", "--fan-out",
                "--devices", "1500", "--timeout", "300", "--json").out());
        assertEquals(1500, fanOut.path("fan_out_devices").asInt(), fanOut.toString());
        assertTrue(fanOut.path("consumed_after_s").asDouble() >= fanOut.path("published_after_s").asDouble(),
                fanOut.toString());
        assertTrue(fanOut.path("cpu_ms_per_assignment_until_published").path("profile-service").asDouble() > 0,
                fanOut.toString());

        // the OCSP responder under load: every answer a successful OCSP response, with and without nonces
        com.fasterxml.jackson.databind.JsonNode ocsp = Json.MAPPER.readTree(stack.ok("bench", "--ocsp",
                "--concurrency", "2", "--seconds", "4", "--json").out());
        for (String run : List.of("without_nonce", "with_nonce")) {
            assertTrue(ocsp.path(run).path("answers").asLong() > 0, ocsp.toString());
            assertEquals(0, ocsp.path(run).path("failures").asLong(), ocsp.toString());
            assertTrue(ocsp.path(run).path("cpu_ms_per_answer").path("ca-service").asDouble() > 0, ocsp.toString());
        }
    }

    /** The demo's PKI in the web console, then a second two-tier PKI made through its forms (docs/console.md). */
    @Test
    @Order(2)
    @RequiresSystemTool(SystemTool.CHROMIUM)
    void theConsoleShowsTheDemoAndBuildsATwoTierPkiThroughItsForms() throws Exception {
        assertEquals(5, devices.size(), "the demo ran first");
        String keep = OpenSsl.run("x509", "-noout", "-serial", "-in", devices.get(0).toString()).strip();
        ConsoleWalkthrough.run(stack, tmp, keep.substring(keep.indexOf('=') + 1));
    }

    @Test
    @Order(3)
    void adminVerbsWorkOnTheDemoPki() throws Exception {
        assertEquals(5, devices.size(), "the demo ran first");
        adminVerbsWorkOnTheDemoPki(stack, tmp, devices.get(0));
    }

    /**
     * After the demo, on the same stack: {@code ca list --json}, {@code ca download --format p7b}, {@code cert revoke} of a
     * demo device (then the issuing CA's CRL lists it) and {@code audit verify}.
     */
    private static void adminVerbsWorkOnTheDemoPki(TestStack stack, Path tmp, Path device) throws Exception {
        TestStack.Captured list = stack.capture("ca", "list", "--json");
        assertEquals(0, list.code(), list.err());
        JsonNode cas = Json.MAPPER.readTree(list.out());
        String rootId = idOf(cas, DemoSetup.ROOT_NAME, "ROOT");
        String issuingId = idOf(cas, DemoSetup.ISSUING_NAME, "ISSUING");

        TestStack.Captured show = stack.capture("ca", "show", issuingId);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("parent:") && show.out().contains(rootId), show.out());

        Path p7b = tmp.resolve("issuing.p7b");
        assertEquals(0, stack.run("ca", "download", issuingId, "--format", "p7b", "--out", p7b.toString()));
        String certs = OpenSsl.run("pkcs7", "-inform", "DER", "-in", p7b.toString(), "-print_certs");
        assertEquals(2, certs.split("-----BEGIN CERTIFICATE-----", -1).length - 1, certs);
        assertTrue(certs.contains(DemoSetup.ROOT_NAME) && certs.contains(DemoSetup.ISSUING_NAME), certs);

        // as OpenSSL prints it: serial=5F3A...
        String serialLine = OpenSsl.run("x509", "-noout", "-serial", "-in", device.toString()).strip();
        String serial = serialLine.substring(serialLine.indexOf('=') + 1).toUpperCase(java.util.Locale.ROOT);
        TestStack.Captured revoke = stack.capture("cert", "revoke", serialLine, "--reason", "keyCompromise");
        assertEquals(0, revoke.code(), revoke.err());
        TestStack.Captured shown = stack.capture("cert", "show", serial, "--json");
        assertEquals(0, shown.code(), shown.err());
        assertEquals("REVOKED", Json.MAPPER.readTree(shown.out()).path("status").asText(), shown.out());
        TestStack.Captured again = stack.capture("cert", "revoke", serial, "--reason", "keyCompromise");
        assertEquals(Main.API_ERROR, again.code(), "revoking twice is a 409");
        assertTrue(again.err().startsWith("stratus: 409 "), again.err());
        // every other certificate of the demo's SCEP profile at once, audited once with the count
        String profileId = Json.MAPPER.readTree(shown.out()).path("profileId").asText();
        TestStack.Captured bulk = stack.capture("cert", "revoke", "--profile", profileId, "--reason", "superseded",
                "--json");
        assertEquals(0, bulk.code(), bulk.err());
        assertTrue(Json.MAPPER.readTree(bulk.out()).path("revoked").asInt() >= 1, bulk.out());
        TestStack.Captured neither = stack.capture("cert", "revoke", "--reason", "superseded");
        assertTrue(neither.code() != 0 && neither.err().contains("--device"), neither.err());

        String caUrl = stack.baseUrl(Service.CA);
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

        TestStack.Captured verify = stack.capture("audit", "verify");
        assertEquals(0, verify.code(), verify.out() + verify.err());
        assertTrue(verify.out().contains("is valid"), verify.out());
        TestStack.Captured audit = stack.capture("audit", "list", "--limit", "1000", "--json");
        assertEquals(0, audit.code(), audit.err());
        assertTrue(audit.out().contains("CERTIFICATE_REVOKED") && audit.out().contains("CERTIFICATES_REVOKED"),
                audit.out());

        // the demo's profiles, groups and assignment are in profile-service's audit log, which the topic confirms
        TestStack.Captured profileAudit = stack.capture("audit", "verify", "--service", "profile");
        assertEquals(0, profileAudit.code(), profileAudit.out() + profileAudit.err());
        assertTrue(profileAudit.out().contains("is valid") && profileAudit.out().contains("audit topic's newest"),
                profileAudit.out());
        TestStack.Captured enrollmentAudit = stack.capture("audit", "verify", "--service", "enrollment");
        assertEquals(0, enrollmentAudit.code(), enrollmentAudit.out() + enrollmentAudit.err());

        // the event flow as stratus topics shows it: every service's group on what it consumes
        TestStack.Captured topics = stack.capture("topics", "--json", "--interval", "1");
        assertEquals(0, topics.code(), topics.err());
        Set<String> groups = new TreeSet<>();
        Json.MAPPER.readTree(topics.out()).path("groups").forEach(g -> groups.add(g.path("group").asText()));
        assertTrue(groups.containsAll(Set.of("ca-service", "enrollment-service", "profile-service")), topics.out());

        metricsOfTheAlertingRulesAreExported(stack);
    }

    /**
     * Every metric the alerting rules and the Grafana dashboard read (deploy/kubernetes/monitoring) is served by a
     * running service or, for the lag per topic, by the infra process.
     */
    private static void metricsOfTheAlertingRulesAreExported(TestStack stack) throws Exception {
        Set<String> wanted = new TreeSet<>(MonitoringRulesTest.metricsNamed());
        assertTrue(wanted.size() >= 8 && wanted.contains("stratus_ca_expiry_seconds"), "rules read: " + wanted);
        Set<String> dashboard = MonitoringDashboardTest.metricsNamed();
        assertTrue(dashboard.size() >= 12 && dashboard.contains("stratus_certificates_issued_total"),
                "dashboard reads: " + dashboard);
        wanted.addAll(dashboard);
        // HTTP/1.1: the JDK client's h2c upgrade broke off once in the middle of a large metrics answer
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<String> exported = new TreeSet<>();
        // the CA gauges are read from the database every few seconds: the CRL's appears after the demo's first CRL
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!exported.containsAll(wanted) && System.nanoTime() < deadline) {
            exported.clear();
            List<String> endpoints = new ArrayList<>();
            for (Service service : List.of(Service.CA, Service.ENROLLMENT, Service.PROFILE)) {
                endpoints.add(stack.baseUrl(service) + "/q/metrics");
            }
            // the consumer lag per group and topic, served by the infra process as Strimzi's Kafka Exporter names it
            endpoints.add(new StackDir(stack.state()).lagMetricsUrl().orElseThrow());
            for (String endpoint : endpoints) {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(endpoint)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, metrics.statusCode(), endpoint);
                metrics.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                        .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
            }
            if (!exported.containsAll(wanted)) {
                Thread.sleep(1000);
            }
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "metrics the alerting rules name that no service exports");
    }

    private static String idOf(JsonNode cas, String name, String kind) {
        for (JsonNode ca : cas) {
            if (name.equals(ca.path("displayName").asText()) && kind.equals(ca.path("kind").asText())) {
                return ca.path("id").asText();
            }
        }
        throw new AssertionError("ca list --json lacks " + name + ": " + cas);
    }
}
