package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine.ParseResult;

/** The admin verbs against a stub ca-service (the JDK's HTTP server): parsing, requests, output and exit codes. */
class AdminCommandsTest {
    static final String ROOT = "{\"id\":\"r1\",\"tenant\":\"demo\",\"displayName\":\"Contoso Root\",\"kind\":\"ROOT\",\"parentId\":null,"
            + "\"status\":\"ACTIVE\",\"external\":false,\"subjectDn\":\"CN=Contoso Root CA,O=Contoso,C=US\",\"serialNumber\":\"5F\","
            + "\"keyAlgorithm\":\"RSA_4096\",\"notBefore\":\"2026-11-24T23:00:00Z\",\"notAfter\":\"2046-11-24T23:00:00Z\","
            + "\"extendedKeyUsages\":[\"1.3.6.1.5.5.7.3.2\",\"1.2.3.4\"],\"certificatePem\":\"-----BEGIN...\","
            + "\"crlUrl\":\"http://localhost:8081/pki/demo/r1/crl\",\"caIssuersUrl\":\"http://localhost:8081/pki/demo/r1/ca.cer\","
            + "\"ocspUrl\":null}";
    static final String ISSUING = "{\"id\":\"i1\",\"displayName\":\"Contoso Issuing\",\"kind\":\"ISSUING\",\"parentId\":\"r1\","
            + "\"status\":\"PAUSED\",\"external\":true,\"keyAlgorithm\":\"RSA_2048\",\"notAfter\":\"2028-11-24T23:00:00Z\"}";

    record Call(String method, String uri, String auth, String body) {
    }

    HttpServer server;
    String url;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** "METHOD path" (or "METHOD path?query", which wins) → status, content type, body. */
    final Map<String, Object[]> answers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Authorization"), body));
            Object[] a = answers.getOrDefault(ex.getRequestMethod() + " " + ex.getRequestURI(),
                    answers.get(ex.getRequestMethod() + " " + ex.getRequestURI().getPath()));
            if (a == null) {
                a = new Object[] {404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such thing\"}"};
            }
            byte[] bytes = a[2] instanceof byte[] b ? b : ((String) a[2]).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", (String) a[1]);
            if (a.length > 3 && a[3] != null) {
                ex.getResponseHeaders().add("Content-Disposition", (String) a[3]);
            }
            if (a.length > 4) {
                ex.getResponseHeaders().add("Stratus-Next-Cursor", (String) a[4]);
            }
            int status = (Integer) a[0];
            ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
            if (status != 204) {
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Object[] {status, "application/json", body});
    }

    CommandParsingTest.Result run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--ca-url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--token";
        all[args.length + 3] = "tok";
        return CommandParsingTest.run(Map.of(), all);
    }

    private static ParseResult leaf(String... args) {
        ParseResult r = Main.commandLine(Map.of()).parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <T> T verb(Class<T> type, String... args) {
        return (T) leaf(args).commandSpec().userObject();
    }

    // parsing and request bodies

    @Test
    void createRootBuildsTheApiBody() throws Exception {
        CaCommand.CreateRoot c = verb(CaCommand.CreateRoot.class, "ca", "create-root", "--name", "Contoso Root", "--cn", "Contoso Root CA",
                "--o", "Contoso", "--c", "US", "--key", "rsa_4096", "--eku", "client_auth,SERVER_AUTH", "--eku", "1.3.6.1.4.1.311.10.3.12");
        assertEquals(20, c.years);
        assertEquals("demo", c.tenant);
        String body = Json.MAPPER.writeValueAsString(c.body("ROOT", null, c.years, false));
        assertEquals("{\"displayName\":\"Contoso Root\",\"kind\":\"ROOT\",\"subject\":{\"commonName\":\"Contoso Root CA\","
                + "\"organization\":\"Contoso\",\"country\":\"US\"},\"validityYears\":20,\"keyAlgorithm\":\"RSA_4096\","
                + "\"extendedKeyUsages\":[\"CLIENT_AUTH\",\"SERVER_AUTH\",\"1.3.6.1.4.1.311.10.3.12\"]}", body);
    }

    @Test
    void createIssuingNeedsAParentOrExternal() throws Exception {
        CaCommand.CreateIssuing c = verb(CaCommand.CreateIssuing.class, "ca", "create-issuing", "--parent", "r1", "--name", "I",
                "--cn", "I CA", "--ou", "PKI", "--l", "Redmond", "--st", "WA");
        JsonNode body = Json.MAPPER.valueToTree(c.request());
        assertEquals("r1", body.get("parentId").asText());
        assertEquals(10, body.get("validityYears").asInt());
        assertEquals("RSA_2048", body.get("keyAlgorithm").asText());
        assertEquals("[\"CLIENT_AUTH\"]", body.get("extendedKeyUsages").toString());
        assertEquals("{\"commonName\":\"I CA\",\"organizationalUnit\":\"PKI\",\"locality\":\"Redmond\",\"state\":\"WA\"}",
                body.get("subject").toString());
        assertFalse(body.has("external"));

        JsonNode ext = Json.MAPPER.valueToTree(verb(CaCommand.CreateIssuing.class, "ca", "create-issuing", "--external", "--name", "F",
                "--cn", "F CA").request());
        assertTrue(ext.get("external").asBoolean());
        assertFalse(ext.has("parentId") || ext.has("validityYears"));

        assertThrows(IllegalArgumentException.class,
                () -> verb(CaCommand.CreateIssuing.class, "ca", "create-issuing", "--name", "I", "--cn", "I").request());
        assertThrows(IllegalArgumentException.class, () -> verb(CaCommand.CreateIssuing.class, "ca", "create-issuing", "--external",
                "--parent", "r1", "--name", "I", "--cn", "I").request());
        assertEquals(1, run("ca", "create-issuing", "--name", "I", "--cn", "I").code());
        assertTrue(calls.isEmpty(), "nothing is sent for a refused command line");
    }

    @Test
    void usageErrorsAreRefusedBeforeAnyCall() {
        assertEquals(2, run("ca", "create-root", "--cn", "x").code()); // --name missing
        CommandParsingTest.Result r = run("ca", "create-root", "--name", "x", "--cn", "x", "--key", "DSA_1024");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("RSA_2048"), r.err());
        assertEquals(2, run("ca", "download", "i1", "--format", "zip").code());
        assertEquals(2, run("cert", "revoke", "5F").code()); // --reason missing
        assertEquals(2, run("cert", "list", "--status", "LOST").code());
        assertEquals(1, run("ca", "create-root", "--name", "x", "--cn", "x", "--eku", "client auth!").code());
        assertEquals(1, run("cert", "show", "not-hex").code());
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void serialsAreTakenAsOpenSslPrintsThem() {
        assertEquals("5F3A0C", Formats.Serials.normalize("serial=5F3A0C"));
        assertEquals("5F3A0C", Formats.Serials.normalize("5f:3a:0c"));
        assertEquals("0A", Formats.Serials.normalize(" 0x0a "));
        assertThrows(IllegalArgumentException.class, () -> Formats.Serials.normalize("../../authorities"));
        assertThrows(IllegalArgumentException.class, () -> Formats.Serials.normalize("serial="));
    }

    @Test
    void ekuNamesAndOids() {
        assertEquals(List.of("CLIENT_AUTH", "1.2.3"), Formats.Ekus.parse(List.of(" client_auth ,", "1.2.3")));
        assertEquals("SMART_CARD_LOGON", Formats.Ekus.name("1.3.6.1.4.1.311.20.2.2"));
        assertEquals("1.2.3.4", Formats.Ekus.name("1.2.3.4"));
    }

    // output formatting

    @Test
    void tablesAreAlignedAndShort() throws Exception {
        assertEquals("A    BB\nxxx  y\n", Formats.table(List.of("A", "BB"), List.of(List.of("xxx", "y"))));
        String t = Formats.authorities(Json.MAPPER.readTree("[" + ROOT + "," + ISSUING + "]"));
        assertEquals("""
                ID  KIND     STATUS             NAME             KEY       NOT AFTER
                r1  ROOT     ACTIVE             Contoso Root     RSA_4096  2046-11-24
                i1  ISSUING  PAUSED (external)  Contoso Issuing  RSA_2048  2028-11-24
                """, t);
        assertEquals("No CAs.\n", Formats.authorities(Json.MAPPER.readTree("[]")));
        String one = Formats.authority(Json.MAPPER.readTree(ROOT));
        assertTrue(one.contains("status:     ACTIVE\n"), one);
        assertTrue(one.contains("EKUs:       CLIENT_AUTH, 1.2.3.4\n"), one);
        assertTrue(one.contains("CRL:        http://localhost:8081/pki/demo/r1/crl\n"), one);
        assertFalse(one.contains("parent"), one);
        assertFalse(one.contains("OCSP"), "no OCSP line where the CA names no responder: " + one);
        String withOcsp = Formats.authority(Json.MAPPER.readTree(ROOT.replace("\"ocspUrl\":null",
                "\"ocspUrl\":\"http://localhost:8081/pki/demo/r1/ocsp\"")));
        assertTrue(withOcsp.contains("OCSP:       http://localhost:8081/pki/demo/r1/ocsp\n"), withOcsp);
    }

    @Test
    void certificateAndAuditTables() throws Exception {
        String certs = Formats.certificates(Json.MAPPER.readTree("{\"items\":[{\"serialNumber\":\"5F3A\",\"status\":\"REVOKED\","
                + "\"deviceId\":\"d1\",\"subjectDn\":\"CN=d1\",\"notAfter\":\"2027-11-24T00:00:00Z\",\"revocationReason\":\"keyCompromise\"}],"
                + "\"next\":\"abc\"}"));
        assertEquals("""
                SERIAL  STATUS   DEVICE  SUBJECT  NOT AFTER   REASON
                5F3A    REVOKED  d1      CN=d1    2027-11-24  keyCompromise
                More: --after abc
                """, certs);
        assertEquals("No certificates.\n", Formats.certificates(Json.MAPPER.readTree("{\"items\":[],\"next\":null}")));
        String audit = Formats.audit(Json.MAPPER.readTree("{\"items\":[{\"tenant\":\"demo\",\"sequence\":1,\"actor\":\"admin\","
                + "\"action\":\"AUTHORITY_CREATED\",\"target\":\"r1\",\"outcome\":\"SUCCESS\",\"at\":\"2026-11-24T23:00:00Z\"}],\"next\":null}"));
        assertEquals("""
                SEQ  AT                    ACTOR  ACTION             TARGET  OUTCOME
                1    2026-11-24T23:00:00Z  admin  AUTHORITY_CREATED  r1      SUCCESS
                """, audit);
    }

    @Test
    void verificationSaysWhichSequenceAndWhy() throws Exception {
        assertEquals("Audit chain of tenant demo is valid (42 records).\n",
                Formats.verification("demo", Json.MAPPER.readTree("{\"valid\":true,\"records\":42}")));
        String bad = Formats.verification("demo", Json.MAPPER.readTree("{\"valid\":false,\"records\":3,\"firstBadSequence\":4,\"problem\":\"changed\"}"));
        assertTrue(bad.startsWith("Audit chain of tenant demo is BROKEN at sequence 4: changed: "), bad);
    }

    @Test
    void problemsAreReadFromProblemJson() {
        AdminClient.ProblemException p = AdminClient.ProblemException.of(409,
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"CA 7c cannot do that now\"}");
        assertEquals("409 Conflict: CA 7c cannot do that now", p.getMessage());
        assertEquals("502 Bad Gateway: <html>oops</html>", AdminClient.ProblemException.of(502, "<html>oops</html>").getMessage());
        assertEquals("401 Unauthorized", AdminClient.ProblemException.of(401, "").getMessage());
        assertEquals("Contoso Issuing.p7b", AdminClient.fileName("attachment; filename=\"Contoso Issuing.p7b\"").orElseThrow());
        assertEquals("_.._etc_passwd", AdminClient.fileName("attachment; filename=\"/../etc/passwd\"").orElseThrow());
    }

    // against the stub

    @Test
    void listAndShowPrintTablesOrTheRawJson() {
        answer("GET /api/v1/tenants/acme/authorities", 200, "[" + ROOT + "]");
        CommandParsingTest.Result json = run("ca", "list", "--tenant", "acme", "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals("[" + ROOT + "]\n", json.out());
        assertEquals("Bearer tok", calls.get(0).auth());
        CommandParsingTest.Result table = run("ca", "list", "--tenant", "acme");
        assertTrue(table.out().startsWith("ID  KIND"), table.out());

        answer("GET /api/v1/tenants/demo/authorities/r1", 200, ROOT);
        assertTrue(run("ca", "show", "r1").out().contains("Contoso Root CA"));
    }

    @Test
    void apiErrorsExitWithTwoAndTheProblem() {
        answers.put("POST /api/v1/tenants/demo/authorities/r1/pause", new Object[] {409, "application/problem+json",
                "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"CA r1 is PAUSED; only an ACTIVE CA can be paused\"}"});
        CommandParsingTest.Result r = run("ca", "pause", "r1");
        assertEquals(2, r.code());
        assertEquals("stratus: 409 Conflict: CA r1 is PAUSED; only an ACTIVE CA can be paused\n", r.err());
        assertEquals("", r.out());
        assertEquals("stratus: 404 Not Found: no such thing\n", run("ca", "show", "nope").err());
    }

    @Test
    void aStoppedServiceSaysToStartTheStack() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CommandParsingTest.Result r = CommandParsingTest.run(Map.of(), "ca", "list", "--token", "t", "--ca-url", "http://127.0.0.1:" + port);
        assertEquals(Main.UNREACHABLE, r.code());
        assertTrue(r.err().startsWith("stratus: cannot reach ca-service at http://127.0.0.1:" + port), r.err());
        assertTrue(r.err().contains("is the stack up? (./stratus up)"), r.err());
    }

    @Test
    void tokenComesFromTheOptionTheEnvironmentOrTheStackDirectory(@TempDir Path dir) {
        answer("GET /api/v1/tenants/demo/authorities", 200, "[]");
        assertEquals(0, CommandParsingTest.run(Map.of(AdminVerb.ENV_TOKEN, "from-env", AdminVerb.ENV_CA_URL, url), "ca", "list").code());
        assertEquals("Bearer from-env", calls.get(0).auth());

        CommandParsingTest.Result none = CommandParsingTest.run(Map.of(AdminVerb.ENV_CA_URL, url), "--dir", dir.toString(), "ca", "list");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no local admin token"), none.err());
        assertFalse(Files.exists(dir.resolve("jwt")), "no signing key is made up");

        String local = new Secrets(new StackDir(dir)).adminToken();
        assertEquals(0, CommandParsingTest.run(Map.of(AdminVerb.ENV_CA_URL, url), "--dir", dir.toString(), "ca", "list").code());
        assertEquals("Bearer " + local, calls.get(1).auth());
    }

    @Test
    void downloadWritesTheBytes(@TempDir Path dir) throws Exception {
        byte[] der = {0x30, (byte) 0x82, 0x01, 0x00, (byte) 0xff};
        answers.put("GET /api/v1/tenants/demo/authorities/i1/certificate",
                new Object[] {200, "application/pkcs7-mime", der, "attachment; filename=\"Contoso Issuing.p7b\""});
        Path out = dir.resolve("sub/chain.p7b");
        CommandParsingTest.Result r = run("ca", "download", "i1", "--format", "p7b", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(der, Files.readAllBytes(out));
        assertEquals("/api/v1/tenants/demo/authorities/i1/certificate?format=p7b", calls.get(0).uri());
    }

    @Test
    void lifecycleVerbsCallTheirEndpoints(@TempDir Path dir) throws Exception {
        answer("POST /api/v1/tenants/demo/authorities/i1/revoke", 200, ISSUING);
        answers.put("DELETE /api/v1/tenants/demo/authorities/i1", new Object[] {204, "text/plain", ""});
        answer("POST /api/v1/tenants/demo/authorities/i1/certificate", 200, ISSUING);
        answer("POST /api/v1/tenants/demo/authorities", 201, ISSUING);
        assertEquals(0, run("ca", "revoke", "i1", "--reason", "keyCompromise").code());
        assertEquals("{\"reason\":\"keyCompromise\"}", calls.get(0).body());
        assertEquals(0, run("ca", "revoke", "i1").code());
        assertEquals("{}", calls.get(1).body());
        CommandParsingTest.Result del = run("ca", "delete", "i1");
        assertEquals(0, del.code(), del.err());
        assertEquals("Deleted CA i1\n", del.out());

        Path pem = dir.resolve("issuing.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Path der = dir.resolve("root.cer");
        Files.write(der, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        assertEquals(0, run("ca", "upload", "i1", "--cert", pem.toString(), "--chain", der.toString()).code());
        JsonNode upload = Json.MAPPER.readTree(calls.get(3).body());
        assertEquals(Files.readString(pem), upload.get("certificate").asText());
        assertEquals("MAMCAQE=", upload.get("chain").asText());

        CommandParsingTest.Result created = run("ca", "create-issuing", "--external", "--name", "F", "--cn", "F CA");
        assertEquals("Created ISSUING CA Contoso Issuing (i1), status PAUSED\n", created.out());
    }

    @Test
    void renewVerbsCallTheirEndpoints() throws Exception {
        answer("POST /api/v1/tenants/demo/authorities/i1/renew", 200, ISSUING);
        answer("POST /api/v1/tenants/demo/authorities/i1/renewal/activate", 200, ISSUING);
        assertEquals(0, run("ca", "renew", "i1").code());
        assertEquals("{\"newKey\":false,\"activate\":true}", calls.get(0).body());
        assertEquals(0, run("ca", "renew", "i1", "--new-key", "--years", "4", "--announce-only").code());
        assertEquals("{\"newKey\":true,\"validityYears\":4,\"activate\":false}", calls.get(1).body());
        assertEquals(0, run("ca", "activate-renewal", "i1").code());
        assertEquals("/api/v1/tenants/demo/authorities/i1/renewal/activate", calls.get(2).uri());
        CommandParsingTest.Result bad = run("ca", "renew", "i1", "--years", "0");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--years must be at least 1"), bad.err());
        assertEquals(3, calls.size(), "no call for a refused option");

        answers.put("GET /api/v1/tenants/demo/authorities/i1/renewal/csr", new Object[] {200, "application/pkcs10",
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"});
        answer("POST /api/v1/tenants/demo/authorities/i1/renewal/upload", 200, ISSUING);
        CommandParsingTest.Result csr = run("ca", "csr", "i1", "--renewal");
        assertEquals(0, csr.code(), csr.err());
        assertTrue(csr.out().startsWith("-----BEGIN CERTIFICATE REQUEST-----"), csr.out());
        assertEquals("/api/v1/tenants/demo/authorities/i1/renewal/csr", calls.get(3).uri());
        Path pem = Files.createTempFile("renewed", ".pem");
        try {
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
            assertEquals(0, run("ca", "upload", "i1", "--renewal", "--cert", pem.toString(), "--chain", pem.toString()).code());
            assertEquals("/api/v1/tenants/demo/authorities/i1/renewal/upload", calls.get(4).uri());
            assertEquals(Files.readString(pem), Json.MAPPER.readTree(calls.get(4).body()).get("certificate").asText());
        } finally {
            Files.deleteIfExists(pem);
        }
    }

    @Test
    void certVerbsNormalizeTheSerialAndPage() throws Exception {
        answer("POST /api/v1/tenants/demo/certificates/5F3A0C/revoke", 200,
                "{\"serialNumber\":\"5F3A0C\",\"subjectDn\":\"CN=d1\",\"status\":\"REVOKED\",\"revocationReason\":\"keyCompromise\"}");
        CommandParsingTest.Result r = run("cert", "revoke", "5f:3a:0c", "--reason", "keyCompromise", "--ca", "i1");
        assertEquals(0, r.code(), r.err());
        assertEquals("Revoked 5F3A0C (CN=d1): keyCompromise\n", r.out());
        assertEquals("/api/v1/tenants/demo/certificates/5F3A0C/revoke?authorityId=i1", calls.get(0).uri());
        assertEquals("{\"reason\":\"keyCompromise\"}", calls.get(0).body());

        answer("GET /api/v1/tenants/demo/certificates", 200, "{\"items\":[{\"serialNumber\":\"01\"}],\"next\":\"c1\"}");
        CommandParsingTest.Result list = run("cert", "list", "--ca", "i1", "--device", "d 1", "--status", "revoked", "--limit", "2", "--json");
        assertEquals(0, list.code(), list.err());
        assertEquals("/api/v1/tenants/demo/certificates?limit=2&authorityId=i1&deviceId=d%201&status=REVOKED", calls.get(1).uri());
        assertEquals("/api/v1/tenants/demo/certificates?limit=1&authorityId=i1&deviceId=d%201&status=REVOKED&after=c1", calls.get(2).uri());
        assertEquals("{\"items\":[{\"serialNumber\":\"01\"},{\"serialNumber\":\"01\"}],\"next\":\"c1\"}", list.out().strip());
    }

    @Test
    void certListSearchesWithEveryFilterAndExportsCsvPageAfterPage() {
        answer("GET /api/v1/tenants/demo/certificates", 200, "{\"items\":[],\"next\":null}");
        CommandParsingTest.Result search = run("cert", "list", "--profile", "wifi", "--serial", "5f:3a", "--subject",
                "CN=laptop", "--sha1", "AB", "--sha256", "CD", "--expires-after", "2027-01-01T00:00:00Z",
                "--expires-before", "2027-02-01T00:00:00Z", "--json");
        assertEquals(0, search.code(), search.err());
        assertEquals("/api/v1/tenants/demo/certificates?limit=100&profileId=wifi&serial=5f%3A3a&subject=CN%3Dlaptop"
                + "&sha1=AB&sha256=CD&expiresAfter=2027-01-01T00%3A00%3A00Z&expiresBefore=2027-02-01T00%3A00%3A00Z",
                calls.get(0).uri());

        answers.put("GET /api/v1/tenants/demo/certificates", new Object[] {200, "text/csv",
                "serialNumber,subject\r\n01,\"CN=a,O=C\"\r\n", null, "c1"});
        answers.put("GET /api/v1/tenants/demo/certificates?limit=2&profileId=wifi&after=c1", new Object[] {200,
                "text/csv", "serialNumber,subject\r\n02,\"CN=b,O=C\"\r\n"});
        CommandParsingTest.Result csv = run("cert", "list", "--profile", "wifi", "--csv", "--limit", "3");
        assertEquals(0, csv.code(), csv.err());
        assertEquals("serialNumber,subject\r\n01,\"CN=a,O=C\"\r\n02,\"CN=b,O=C\"\r\n", csv.out());
        assertEquals("/api/v1/tenants/demo/certificates?limit=3&profileId=wifi", calls.get(1).uri());
    }

    @Test
    void auditOfAnotherServiceGoesToThatServicesUrl() {
        answer("POST /api/v1/tenants/demo/audit/verify", 200,
                "{\"valid\":true,\"records\":3,\"checkpoint\":{\"status\":\"matched\",\"sequence\":3}}");
        CommandParsingTest.Result profile = CommandParsingTest.run(Map.of("STRATUS_PROFILE_URL", url),
                "audit", "verify", "--service", "profile", "--ca-url", "http://127.0.0.1:9", "--token", "tok");
        assertEquals(0, profile.code(), profile.err());
        assertEquals("/api/v1/tenants/demo/audit/verify", calls.get(0).uri());
        answer("GET /api/v1/tenants/demo/audit", 200, "{\"items\":[],\"next\":null}");
        CommandParsingTest.Result enrollment = CommandParsingTest.run(Map.of("STRATUS_ENROLLMENT_URL", url),
                "audit", "list", "--service", "enrollment", "--token", "tok");
        assertEquals(0, enrollment.code(), enrollment.err());
        assertEquals("/api/v1/tenants/demo/audit?after=0&limit=100", calls.get(1).uri());
        CommandParsingTest.Result unknown = run("audit", "verify", "--service", "simulator");
        assertTrue(unknown.code() != 0 && unknown.err().contains("--service must be ca, profile or enrollment"),
                unknown.err());
    }

    @Test
    void auditVerifyExitCodeFollowsTheChain() {
        answer("POST /api/v1/tenants/demo/audit/verify", 200, "{\"valid\":true,\"records\":7}");
        CommandParsingTest.Result ok = run("audit", "verify");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("Audit chain of tenant demo is valid (7 records).\n", ok.out());

        answer("POST /api/v1/tenants/demo/audit/verify", 200, "{\"valid\":false,\"records\":3,\"firstBadSequence\":4,\"problem\":\"missing\"}");
        CommandParsingTest.Result bad = run("audit", "verify");
        assertEquals(AuditCommand.BROKEN, bad.code());
        assertTrue(bad.out().contains("BROKEN at sequence 4: missing"), bad.out());
        CommandParsingTest.Result badJson = run("audit", "verify", "--json");
        assertEquals(1, badJson.code());
        assertEquals("{\"valid\":false,\"records\":3,\"firstBadSequence\":4,\"problem\":\"missing\"}\n", badJson.out());

        // compared with the audit topic: confirmed, or valid but not confirmed
        answer("POST /api/v1/tenants/demo/audit/verify", 200,
                "{\"valid\":true,\"records\":7,\"checkpoint\":{\"status\":\"matched\",\"sequence\":7}}");
        CommandParsingTest.Result matched = run("audit", "verify");
        assertEquals(0, matched.code(), matched.err());
        assertEquals("Audit chain of tenant demo is valid (7 records). It holds the audit topic's newest sealed record"
                + " (sequence 7).\n", matched.out());
        answer("POST /api/v1/tenants/demo/audit/verify", 200,
                "{\"valid\":true,\"records\":7,\"checkpoint\":{\"status\":\"unavailable\",\"sequence\":null}}");
        CommandParsingTest.Result unconfirmed = run("audit", "verify");
        assertEquals(AuditCommand.UNCONFIRMED, unconfirmed.code());
        assertTrue(unconfirmed.out().contains("NOT confirmed: the audit topic could not be read"), unconfirmed.out());
        answer("POST /api/v1/tenants/demo/audit/verify", 200,
                "{\"valid\":true,\"records\":0,\"checkpoint\":{\"status\":\"none\",\"sequence\":null}}");
        assertEquals(0, run("audit", "verify").code(), "an empty chain has nothing to confirm");
        calls.clear();

        answer("GET /api/v1/tenants/demo/audit", 200, "{\"items\":[],\"next\":null}");
        CommandParsingTest.Result list = run("audit", "list", "--after", "5");
        assertEquals("No audit records.\n", list.out());
        assertEquals("/api/v1/tenants/demo/audit?after=5&limit=100", calls.get(0).uri());

        // a long chain: each call continues after the last one's next, up to the head
        answer("POST /api/v1/tenants/demo/audit/verify", 200, "{\"valid\":true,\"records\":100000,\"next\":100000}");
        answer("POST /api/v1/tenants/demo/audit/verify?after=100000", 200, "{\"valid\":true,\"records\":200000,\"next\":200000}");
        answer("POST /api/v1/tenants/demo/audit/verify?after=200000", 200, "{\"valid\":true,\"records\":200007}");
        CommandParsingTest.Result paged = run("audit", "verify");
        assertEquals(0, paged.code(), paged.err());
        assertEquals("Audit chain of tenant demo is valid (200007 records).\n", paged.out());
        assertEquals(List.of("/api/v1/tenants/demo/audit/verify", "/api/v1/tenants/demo/audit/verify?after=100000",
                "/api/v1/tenants/demo/audit/verify?after=200000"), calls.subList(1, 4).stream().map(Call::uri).toList());
    }

    @Test
    void helpListsTheAdminVerbs() {
        CommandParsingTest.Result r = CommandParsingTest.run("--help");
        for (String c : new String[] {"ca", "cert", "audit"}) {
            assertTrue(r.out().contains("  " + c + " "), r.out());
        }
        CommandParsingTest.Result ca = CommandParsingTest.run("ca", "--help");
        for (String v : new String[] {"create-root", "create-issuing", "list", "show", "download", "csr", "upload", "pause", "resume",
                "renew", "activate-renewal", "revoke", "delete"}) {
            assertTrue(ca.out().contains(v), ca.out());
        }
    }
}
