package io.stratus.cli;

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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
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

/** The profile-service verbs against a stub profile-service: parsing, request bodies, output and exit codes. */
class ProfileCommandsTest {
    static final String P = "/api/v1/tenants/demo";
    static final String SCEP = "{\"id\":\"s1\",\"tenant\":\"demo\",\"name\":\"Device certificate\",\"platform\":\"WINDOWS\","
            + "\"certificateType\":\"DEVICE\",\"authorityId\":\"i1\",\"scepUrl\":\"http://localhost:8082/scep/demo/i1\","
            + "\"subjectNameFormat\":\"CN={{DeviceName}}\",\"subjectAlternativeNames\":[{\"type\":\"DNS\",\"value\":\"{{FullyQualifiedDomainName}}\"}],"
            + "\"validityDays\":365,\"keyAlgorithm\":\"RSA\",\"keySize\":2048,\"keyUsages\":[\"digitalSignature\"],"
            + "\"extendedKeyUsages\":[\"1.3.6.1.5.5.7.3.2\"],\"renewalThresholdPercent\":20,\"trustedProfileIds\":[\"t1\"],"
            + "\"createdAt\":\"2026-11-24T23:00:00Z\"}";

    record Call(String method, String uri, String contentType, String auth, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }
    }

    HttpServer server;
    String url;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Object[]> answers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Content-Type"),
                    ex.getRequestHeaders().getFirst("Authorization"), body));
            Object[] a = answers.get(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            if (a == null) {
                a = new Object[] {404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such thing\"}"};
            }
            byte[] bytes = ((String) a[2]).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", (String) a[1]);
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
        all[args.length] = "--profile-url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--token";
        all[args.length + 3] = "tok";
        return CommandParsingTest.run(Map.of(), all);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    // devices

    @Test
    void deviceRegisterSendsTheKeyAsBase64Spki(@TempDir Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        Path pub = dir.resolve("laptop-1.pub.pem");
        Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        answer("POST " + P + "/devices", 201, "{\"id\":\"laptop-1\",\"name\":\"LAPTOP-1\",\"platform\":\"WINDOWS\"}");

        CommandParsingTest.Result r = run("device", "register", "--id", "laptop-1", "--name", "LAPTOP-1", "--platform", "windows",
                "--serial", "5CG1", "--imei", "356938035643809", "--wifi-mac", "00:1A:2B:3C:4D:5E", "--primary-user", "alice",
                "--identity-key", pub.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Registered device LAPTOP-1 (laptop-1), WINDOWS\n", r.out());
        Call c = calls.get(0);
        assertEquals("Bearer tok", c.auth());
        assertEquals("application/json", c.contentType());
        assertEquals("{\"id\":\"laptop-1\",\"name\":\"LAPTOP-1\",\"platform\":\"WINDOWS\",\"serialNumber\":\"5CG1\",\"imei\":\"356938035643809\","
                + "\"wifiMacAddress\":\"00:1A:2B:3C:4D:5E\",\"primaryUserId\":\"alice\",\"identityPublicKey\":\""
                + Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()) + "\"}", c.body());

        // minimal: no id, no key
        assertEquals(0, run("device", "register", "--name", "PHONE", "--platform", "IOS").code());
        assertEquals("{\"name\":\"PHONE\",\"platform\":\"IOS\"}", calls.get(1).body());

        // a private key, or anything else, is refused before any call
        Path priv = dir.resolve("key.pem");
        Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        CommandParsingTest.Result bad = run("device", "register", "--name", "X", "--platform", "IOS", "--identity-key", priv.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("holds a private key"), bad.err());
        Path junk = dir.resolve("junk.der");
        Files.write(junk, new byte[] {1, 2, 3});
        assertEquals(1, run("device", "register", "--name", "X", "--platform", "IOS", "--identity-key", junk.toString()).code());
        assertEquals(2, run("device", "register", "--name", "X", "--platform", "BLACKBERRY").code());
        assertEquals(2, calls.size());
    }

    @Test
    void deviceShowAndImport(@TempDir Path dir) throws Exception {
        answer("GET " + P + "/devices/laptop-1", 200, "{\"id\":\"laptop-1\",\"name\":\"LAPTOP-1\",\"platform\":\"WINDOWS\","
                + "\"serialNumber\":\"5CG1\",\"identityPublicKey\":\"MFk\",\"identityKeyAlgorithm\":\"EC P-256\",\"imei\":null,"
                + "\"primaryUserId\":\"alice\"}");
        String show = run("device", "show", "laptop-1").out();
        assertTrue(show.contains("serial:       5CG1\n"), show);
        assertTrue(show.contains("identity key: EC P-256\n"), show);
        assertFalse(show.contains("IMEI"), show);

        answer("POST " + P + "/devices:import", 200, "{\"imported\":1,\"rejected\":[{\"row\":2,\"reason\":\"imei must be 14 to 16 digits\"}]}");
        Path csv = dir.resolve("devices.CSV");
        Files.writeString(csv, "id,name,platform\nphone-7,PHONE-7,IOS\nphone-8,PHONE-8,IOS\n");
        CommandParsingTest.Result r = run("device", "import", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                Imported 1 device(s), rejected 1:
                ROW  REASON
                2    imei must be 14 to 16 digits
                """, r.out());
        Call c = calls.get(1);
        assertEquals(P + "/devices:import", c.uri());
        assertEquals("text/csv", c.contentType());
        assertEquals(Files.readString(csv), c.body());

        Path json = dir.resolve("devices.json");
        Files.writeString(json, "[{\"name\":\"A\",\"platform\":\"IOS\"}]");
        answer("POST " + P + "/devices:import", 200, "{\"imported\":1,\"rejected\":[]}");
        assertEquals("Imported 1 device(s), rejected 0.\n", run("device", "import", json.toString()).out());
        assertEquals("application/json", calls.get(2).contentType());

        Path txt = dir.resolve("devices.txt");
        Files.writeString(txt, "x");
        CommandParsingTest.Result wrong = run("device", "import", txt.toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("must end in .csv or .json"), wrong.err());
        assertEquals(1, run("device", "import", dir.resolve("missing.csv").toString()).code());
        assertEquals(3, calls.size());
    }

    // users

    @Test
    void userCreateListAndImport(@TempDir Path dir) throws Exception {
        answer("POST " + P + "/users", 201, "{\"id\":\"alice\",\"userPrincipalName\":\"alice@contoso.com\"}");
        CommandParsingTest.Result r = run("user", "create", "--id", "alice", "--upn", "alice@contoso.com", "--email", "a@contoso.com",
                "--given-name", "Alice", "--surname", "Smith", "--on-prem-dn", "CN=Alice Smith,DC=contoso,DC=com", "--sam", "ASMITH");
        assertEquals(0, r.code(), r.err());
        assertEquals("Created user alice@contoso.com (alice)\n", r.out());
        assertEquals("{\"id\":\"alice\",\"userPrincipalName\":\"alice@contoso.com\",\"email\":\"a@contoso.com\",\"givenName\":\"Alice\","
                + "\"surname\":\"Smith\",\"onPremDistinguishedName\":\"CN=Alice Smith,DC=contoso,DC=com\",\"onPremSamAccountName\":\"ASMITH\"}",
                calls.get(0).body());
        assertEquals(2, run("user", "create", "--email", "x@y").code()); // --upn missing

        String list = "[{\"id\":\"alice\",\"userPrincipalName\":\"alice@contoso.com\",\"email\":\"a@contoso.com\",\"givenName\":\"Alice\","
                + "\"surname\":\"Smith\"},{\"id\":\"bob\",\"userPrincipalName\":\"bob@contoso.com\",\"email\":null}]";
        answer("GET " + P + "/users", 200, list);
        CommandParsingTest.Result l = run("user", "list", "--limit", "5");
        assertEquals("""
                ID     UPN                EMAIL          NAME
                alice  alice@contoso.com  a@contoso.com  Alice Smith
                bob    bob@contoso.com
                """, l.out());
        assertEquals(P + "/users?limit=5", calls.get(1).uri());
        assertEquals(list + "\n", run("user", "list", "--json").out());
        assertEquals(P + "/users?limit=100", calls.get(2).uri());
        assertEquals(1, run("user", "list", "--limit", "0").code());

        answer("POST " + P + "/users:import", 200, "{\"imported\":2,\"rejected\":[]}");
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "id,userPrincipalName\nbob,bob@contoso.com\n");
        assertEquals("Imported 2 user(s), rejected 0.\n", run("user", "import", csv.toString()).out());
        assertEquals("text/csv", calls.get(3).contentType());
    }

    // groups

    @Test
    void groupMembers() {
        answer("POST " + P + "/groups", 201, "{\"id\":\"g1\",\"name\":\"Laptops\"}");
        assertEquals("Created group Laptops (g1)\n", run("group", "create", "--name", "Laptops").out());
        assertEquals("{\"name\":\"Laptops\"}", calls.get(0).body());

        answer("POST " + P + "/groups/g1/members", 200, "{\"added\":3,\"assigned\":2,\"unassigned\":0}");
        CommandParsingTest.Result add = run("group", "add", "g1", "--device", "laptop-1", "laptop-2,laptop-3", "--user", "alice");
        assertEquals(0, add.code(), add.err());
        assertEquals("Added 3 member(s) to group g1: 2 assigned, 0 unassigned\n", add.out());
        assertEquals("{\"deviceIds\":[\"laptop-1\",\"laptop-2\",\"laptop-3\"],\"userIds\":[\"alice\"]}", calls.get(1).body());
        run("group", "add", "g1", "--user", "bob", "--user", "carol");
        assertEquals("{\"userIds\":[\"bob\",\"carol\"]}", calls.get(2).body());

        CommandParsingTest.Result none = run("group", "add", "g1");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("at least one --device or --user"), none.err());
        assertEquals(3, calls.size());

        answer("DELETE " + P + "/groups/g1/members/laptop-1", 200, "{\"memberId\":\"laptop-1\",\"assigned\":0,\"unassigned\":1}");
        assertEquals("Removed laptop-1 from group g1: 0 assigned, 1 unassigned\n", run("group", "remove", "g1", "laptop-1").out());
        assertEquals("DELETE", calls.get(3).method());
        CommandParsingTest.Result ghost = run("group", "remove", "g1", "ghost");
        assertEquals(2, ghost.code());
        assertEquals("stratus: 404 Not Found: no such thing\n", ghost.err());

        answer("GET " + P + "/groups/g1", 200, "{\"id\":\"g1\",\"name\":\"Laptops\",\"deviceIds\":[\"laptop-2\"],\"userIds\":[]}");
        assertTrue(run("group", "show", "g1").out().contains("devices: laptop-2\n"));
    }

    // profiles

    @Test
    void createTrustedSendsThePem(@TempDir Path dir) throws Exception {
        answer("POST " + P + "/profiles/trusted", 201, "{\"id\":\"t1\",\"name\":\"Contoso Root\",\"store\":\"COMPUTER_ROOT\",\"subjectDn\":\"CN=Root\"}");
        Path pem = dir.resolve("root.pem");
        Files.writeString(pem, pem("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));
        CommandParsingTest.Result r = run("profile", "create-trusted", "--name", "Contoso Root", "--platform", "WINDOWS", "--cert", pem.toString(),
                "--store", "computer_root", "--ca", "r1");
        assertEquals(0, r.code(), r.err());
        assertEquals("Created trusted profile Contoso Root (t1), COMPUTER_ROOT: CN=Root\n", r.out());
        assertEquals("{\"name\":\"Contoso Root\",\"platform\":\"WINDOWS\",\"certificatePem\":" + Json.MAPPER.writeValueAsString(Files.readString(pem))
                + ",\"store\":\"COMPUTER_ROOT\",\"authorityId\":\"r1\"}", calls.get(0).body());

        Path der = dir.resolve("root.cer");
        Files.write(der, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        run("profile", "create-trusted", "--name", "R", "--platform", "IOS", "--cert", der.toString(), "--store", "USER_INTERMEDIATE");
        JsonNode b = calls.get(1).json();
        assertEquals("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n", b.get("certificatePem").asText());
        assertFalse(b.has("authorityId"));
        assertEquals(2, run("profile", "create-trusted", "--name", "R", "--platform", "IOS", "--cert", der.toString(), "--store", "ROOT").code());
    }

    @Test
    void createScepBuildsTheBodyWithDefaults() throws Exception {
        answer("POST " + P + "/profiles/scep", 201, SCEP);
        CommandParsingTest.Result r = run("profile", "create-scep", "--name", "S/MIME", "--platform", "WINDOWS", "--type", "user", "--ca", "i1",
                "--scep-url", "http://localhost:8082/scep/demo/i1", "--subject", "CN={{GivenName}} {{SurName}},O=Contoso",
                "--san", "email={{EmailAddress}}", "--san", "UPN={{UserPrincipalName}}", "--key", "RSA:4096",
                "--eku", "EMAIL_PROTECTION,1.3.6.1.5.5.7.3.2", "--key-usage", "digitalSignature", "--key-usage", "keyEncipherment",
                "--validity-days", "730", "--renewal-threshold", "10", "--trusted", "t1,t2", "--trusted", "t3");
        assertEquals(0, r.code(), r.err());
        assertEquals("Created SCEP profile Device certificate (s1), DEVICE certificates from CA i1\n", r.out());
        assertEquals("{\"name\":\"S/MIME\",\"platform\":\"WINDOWS\",\"certificateType\":\"USER\",\"authorityId\":\"i1\","
                + "\"scepUrl\":\"http://localhost:8082/scep/demo/i1\",\"subjectNameFormat\":\"CN={{GivenName}} {{SurName}},O=Contoso\","
                + "\"subjectAlternativeNames\":[{\"type\":\"EMAIL\",\"value\":\"{{EmailAddress}}\"},{\"type\":\"UPN\",\"value\":\"{{UserPrincipalName}}\"}],"
                + "\"validityDays\":730,\"keyAlgorithm\":\"RSA\",\"keySize\":4096,\"keyUsages\":[\"digitalSignature\",\"keyEncipherment\"],"
                + "\"extendedKeyUsages\":[\"1.3.6.1.5.5.7.3.4\",\"1.3.6.1.5.5.7.3.2\"],\"renewalThresholdPercent\":10,"
                + "\"trustedProfileIds\":[\"t1\",\"t2\",\"t3\"]}", calls.get(0).body());

        run("profile", "create-scep", "--name", "D", "--platform", "ANDROID", "--type", "DEVICE", "--ca", "i1", "--scep-url", "http://x/scep",
                "--subject", "CN={{DeviceName}}", "--key", "ec:p-384");
        assertEquals("{\"name\":\"D\",\"platform\":\"ANDROID\",\"certificateType\":\"DEVICE\",\"authorityId\":\"i1\",\"scepUrl\":\"http://x/scep\","
                + "\"subjectNameFormat\":\"CN={{DeviceName}}\",\"subjectAlternativeNames\":[],\"validityDays\":365,\"keyAlgorithm\":\"EC\","
                + "\"keySize\":384,\"keyUsages\":[\"digitalSignature\"],\"extendedKeyUsages\":[\"1.3.6.1.5.5.7.3.2\"],"
                + "\"renewalThresholdPercent\":20,\"trustedProfileIds\":[]}", calls.get(1).body());

        CommandParsingTest.Result missing = run("profile", "create-scep", "--name", "D", "--platform", "IOS");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option(s): --type, --ca, --scep-url, --subject"), missing.err());
        String[] base = {"profile", "create-scep", "--name", "D", "--platform", "IOS", "--type", "DEVICE", "--ca", "i1", "--scep-url", "http://x",
                "--subject", "CN=x"};
        assertEquals(1, run(concat(base, "--key", "RSA:1024")).code());
        assertEquals(1, run(concat(base, "--san", "IP=10.0.0.1")).code());
        assertEquals(1, run(concat(base, "--san", "DNS")).code());
        assertEquals(1, run(concat(base, "--eku", "not an eku")).code());
        assertEquals(2, calls.size());
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void keysSansAndEkus() {
        assertEquals(List.of("RSA", "2048"), List.of(ProfileCommand.key("rsa")));
        assertEquals(List.of("EC", "256"), List.of(ProfileCommand.key("EC")));
        assertEquals(List.of("EC", "256"), List.of(ProfileCommand.key("ec:P256")));
        assertThrows(IllegalArgumentException.class, () -> ProfileCommand.key("EC:521"));
        assertThrows(IllegalArgumentException.class, () -> ProfileCommand.key("DSA:2048"));
        assertEquals(List.of(Map.of("type", "URI", "value", "urn:device:{{AAD_Device_ID}}")),
                ProfileCommand.sans(List.of("uri=urn:device:{{AAD_Device_ID}}")));
        assertEquals("1.3.6.1.4.1.311.20.2.2", Formats.Ekus.oid("smart_card_logon"));
        assertEquals("1.2.3", Formats.Ekus.oid(" 1.2.3 "));
    }

    @Test
    void updateSendsTheCurrentProfileWithTheGivenOptions() throws Exception {
        answer("GET " + P + "/profiles/scep/s1", 200, SCEP);
        answer("PUT " + P + "/profiles/scep/s1", 200, SCEP);
        CommandParsingTest.Result r = run("profile", "update", "s1", "--validity-days", "180", "--eku", "EMAIL_PROTECTION", "--san", "DNS=a.{{DeviceName}}");
        assertEquals(0, r.code(), r.err());
        assertEquals("Updated SCEP profile Device certificate (s1)\n", r.out());
        assertEquals("GET", calls.get(0).method());
        Call put = calls.get(1);
        assertEquals("PUT", put.method());
        JsonNode b = put.json();
        assertFalse(b.has("id") || b.has("tenant") || b.has("createdAt"), b.toString());
        assertEquals(180, b.get("validityDays").asInt());
        assertEquals("[\"1.3.6.1.5.5.7.3.4\"]", b.get("extendedKeyUsages").toString());
        assertEquals("[{\"type\":\"DNS\",\"value\":\"a.{{DeviceName}}\"}]", b.get("subjectAlternativeNames").toString());
        assertEquals("CN={{DeviceName}}", b.get("subjectNameFormat").asText());
        assertEquals("[\"t1\"]", b.get("trustedProfileIds").toString());
        assertEquals(2048, b.get("keySize").asInt());
        assertEquals("DEVICE", b.get("certificateType").asText());
    }

    @Test
    void showFallsBackToTrustedAndDeleteSaysWhy() {
        answer("GET " + P + "/profiles/scep/s1", 200, SCEP);
        String scep = run("profile", "show", "s1").out();
        assertTrue(scep.contains("kind:       SCEP, DEVICE certificates\n"), scep);
        assertTrue(scep.contains("EKUs:       CLIENT_AUTH\n"), scep);
        assertTrue(scep.contains("SANs:       DNS={{FullyQualifiedDomainName}}\n"), scep);

        answer("GET " + P + "/profiles/trusted/t1", 200, "{\"id\":\"t1\",\"name\":\"Root\",\"platform\":\"WINDOWS\",\"store\":\"COMPUTER_ROOT\","
                + "\"authorityId\":\"r1\",\"subjectDn\":\"CN=Root\"}");
        CommandParsingTest.Result t = run("profile", "show", "t1");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("kind:     trusted certificate\nstore:    COMPUTER_ROOT\n"), t.out());
        assertEquals(P + "/profiles/scep/t1", calls.get(1).uri());
        assertEquals(P + "/profiles/trusted/t1", calls.get(2).uri());
        assertEquals(2, run("profile", "show", "nope").code());

        answers.put("DELETE " + P + "/profiles/scep/s1", new Object[] {204, "text/plain", ""});
        assertEquals("Deleted SCEP profile s1\n", run("profile", "delete", "s1").out());
        assertEquals("{\"deleted\":\"s1\"}\n", run("profile", "delete", "s1", "--json").out());
        answers.put("DELETE " + P + "/profiles/scep/s2", new Object[] {409, "application/problem+json", "{\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"SCEP profile 's2' is still assigned (1 assignment(s), e.g. 'a1'); delete its assignments first\"}"});
        CommandParsingTest.Result del = run("profile", "delete", "s2");
        assertEquals(2, del.code());
        assertEquals("stratus: 409 Conflict: SCEP profile 's2' is still assigned (1 assignment(s), e.g. 'a1'); delete its assignments first\n",
                del.err());
    }

    // assignments and the report

    @Test
    void assignments() {
        answer("POST " + P + "/assignments", 201, "{\"id\":\"a1\",\"devices\":3,\"assigned\":1,\"failed\":1,\"notApplicable\":1}");
        CommandParsingTest.Result r = run("assignment", "create", "--profile", "s1", "--include", "g1", "g2", "--exclude", "g3");
        assertEquals(0, r.code(), r.err());
        assertEquals("Created assignment a1: 3 device(s) in scope, 1 assigned, 1 failed, 1 not applicable\n", r.out());
        assertEquals("{\"profileId\":\"s1\",\"includeGroupIds\":[\"g1\",\"g2\"],\"excludeGroupIds\":[\"g3\"]}", calls.get(0).body());
        run("assignment", "create", "--profile", "s1", "--include", "g1,g2");
        assertEquals("{\"profileId\":\"s1\",\"includeGroupIds\":[\"g1\",\"g2\"],\"excludeGroupIds\":[]}", calls.get(1).body());
        assertEquals(2, run("assignment", "create", "--profile", "s1").code());

        answer("DELETE " + P + "/assignments/a1", 200, "{\"id\":\"a1\",\"unassigned\":2}");
        assertEquals("Deleted assignment a1: 2 device(s) unassigned\n", run("assignment", "delete", "a1").out());
    }

    @Test
    void reportPrintsCountsAndRowsOrTheRawJson() {
        String report = "{\"profileId\":\"s1\",\"succeeded\":1,\"pending\":0,\"failed\":1,\"notApplicable\":0,\"devices\":["
                + "{\"deviceId\":\"laptop-1\",\"assignmentId\":\"a1\",\"status\":\"SUCCEEDED\",\"reason\":null,\"serialNumber\":\"5F\",\"updatedAt\":\"2026-11-24T23:10:00Z\"},"
                + "{\"deviceId\":\"laptop-2\",\"assignmentId\":\"a1\",\"status\":\"FAILED\",\"reason\":\"device has no SerialNumber\",\"serialNumber\":null,\"updatedAt\":\"2026-11-24T23:11:00Z\"}]}";
        answer("GET " + P + "/profiles/s1/report", 200, report);
        CommandParsingTest.Result r = run("report", "s1");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                Profile s1: 1 succeeded, 0 pending, 1 failed, 0 not applicable
                DEVICE    STATUS     SERIAL  UPDATED               REASON
                laptop-1  SUCCEEDED  5F      2026-11-24T23:10:00Z
                laptop-2  FAILED             2026-11-24T23:11:00Z  device has no SerialNumber
                """, r.out());
        assertEquals(report + "\n", run("report", "s1", "--json").out());
        answer("GET " + P + "/profiles/s2/report", 200, "{\"profileId\":\"s2\",\"devices\":[]}");
        assertTrue(run("report", "s2").out().endsWith("No devices.\n"));
    }

    // URL and reachability

    @Test
    void profileUrlFromTheEnvironmentAndAStoppedService() throws Exception {
        answer("GET " + P + "/users", 200, "[]");
        CommandParsingTest.Result r = CommandParsingTest.run(Map.of(AdminVerb.ENV_TOKEN, "t", ProfileVerb.ENV_PROFILE_URL, url), "user", "list");
        assertEquals(0, r.code(), r.err());
        assertEquals("No users.\n", r.out());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CommandParsingTest.Result down = CommandParsingTest.run(Map.of(), "report", "s1", "--token", "t", "--profile-url", "http://127.0.0.1:" + port);
        assertEquals(Main.UNREACHABLE, down.code());
        assertTrue(down.err().startsWith("stratus: cannot reach profile-service at http://127.0.0.1:" + port), down.err());
    }

    @Test
    void defaultUrlIsTheStacksProfilePort(@TempDir Path dir) {
        CommandParsingTest.Result r = CommandParsingTest.run(Map.of(), "--dir", dir.toString(), "user", "list", "--token", "t");
        // nothing listens on the default port in tests, or something else does: either way it names profile-service's URL
        assertTrue(r.err().contains("http://localhost:8083") || r.code() != Main.UNREACHABLE, r.err());
    }

    @Test
    void helpListsTheProfileVerbs() {
        CommandParsingTest.Result r = CommandParsingTest.run("--help");
        for (String c : new String[] {"device", "user", "group", "profile", "assignment", "report"}) {
            assertTrue(r.out().contains("  " + c + " "), r.out());
        }
        CommandParsingTest.Result p = CommandParsingTest.run("profile", "--help");
        for (String v : new String[] {"create-trusted", "create-scep", "show", "update", "delete"}) {
            assertTrue(p.out().contains(v), p.out());
        }
    }
}
