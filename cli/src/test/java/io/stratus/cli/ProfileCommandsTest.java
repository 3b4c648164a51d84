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

    void noContent(String methodAndPath) {
        answers.put(methodAndPath, new Object[] {204, "text/plain", ""});
    }

    void problem(String methodAndPath, int status, String title, String detail) {
        answers.put(methodAndPath, new Object[] {status, "application/problem+json", "{\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}"});
    }

    @Test
    void groupCreateDynamicAndList() {
        String rule = "device.platform -eq \"WINDOWS\"";
        answer("POST " + P + "/groups", 201, "{\"id\":\"g2\",\"name\":\"All Windows\",\"membershipType\":\"DYNAMIC\","
                + "\"membershipRule\":" + Json.MAPPER.valueToTree(rule) + ",\"deviceIds\":[\"laptop-1\",\"laptop-2\"],\"userIds\":[]}");
        CommandParsingTest.Result r = run("group", "create", "--name", "All Windows", "--rule", rule);
        assertEquals(0, r.code(), r.err());
        assertEquals("Created dynamic group All Windows (g2): 2 device(s) and 0 user(s) match the rule\n", r.out());
        Call c = calls.get(0);
        assertEquals("POST", c.method());
        assertEquals(P + "/groups", c.uri());
        assertEquals("{\"name\":\"All Windows\",\"membershipRule\":\"device.platform -eq \\\"WINDOWS\\\"\"}", c.body());
        CommandParsingTest.Result empty = run("group", "create", "--name", "X", "--rule", " ");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("--rule is empty"), empty.err());
        assertEquals(1, calls.size());

        String list = "[{\"id\":\"g2\",\"tenant\":\"demo\",\"name\":\"All Windows\",\"membershipType\":\"DYNAMIC\","
                + "\"membershipRule\":\"device.platform -eq \\\"WINDOWS\\\"\"},"
                + "{\"id\":\"g1\",\"tenant\":\"demo\",\"name\":\"Pilot\",\"membershipType\":\"STATIC\",\"membershipRule\":null}]";
        answer("GET " + P + "/groups", 200, list);
        CommandParsingTest.Result l = run("group", "list");
        assertEquals(0, l.code(), l.err());
        assertEquals("""
                ID  NAME         TYPE     RULE
                g2  All Windows  DYNAMIC  device.platform -eq "WINDOWS"
                g1  Pilot        STATIC
                """, l.out());
        assertEquals("GET", calls.get(1).method());
        assertEquals(P + "/groups?limit=100&offset=0", calls.get(1).uri());
        CommandParsingTest.Result page = run("group", "list", "--limit", "2", "--offset", "4");
        assertTrue(page.out().endsWith("g1  Pilot        STATIC\nMore: --offset 6\n"), page.out());
        assertEquals(P + "/groups?limit=2&offset=4", calls.get(2).uri());
        assertEquals(list + "\n", run("group", "list", "--json").out());
        assertEquals(1, run("group", "list", "--limit", "1001").code());
        assertEquals(1, run("group", "list", "--offset", "-1").code());
        assertEquals(4, calls.size());
        answer("GET " + P + "/groups", 200, "[]");
        assertEquals("No groups.\n", run("group", "list").out());
    }

    @Test
    void groupUpdateSendsTheNameAndRuleItKeepsOrChanges() {
        String current = "{\"id\":\"g1\",\"name\":\"Kiosks\",\"membershipType\":\"DYNAMIC\","
                + "\"membershipRule\":\"device.name -startsWith \\\"kiosk-\\\"\",\"deviceIds\":[\"kiosk-1\"],\"userIds\":[]}";
        answer("GET " + P + "/groups/g1", 200, current);
        answer("PUT " + P + "/groups/g1", 200, "{\"group\":{\"id\":\"g1\",\"name\":\"Kiosk fleet\",\"membershipType\":\"DYNAMIC\","
                + "\"membershipRule\":\"device.name -startsWith \\\"kiosk-\\\"\"},\"added\":0,\"removed\":0,\"assigned\":0,\"unassigned\":0}");

        // a new name only: the current rule is sent back, so that the group stays dynamic
        CommandParsingTest.Result rename = run("group", "update", "g1", "--name", "Kiosk fleet");
        assertEquals(0, rename.code(), rename.err());
        assertEquals("Updated group Kiosk fleet (g1), dynamic: 0 member(s) joined, 0 left; 0 assigned, 0 unassigned\n", rename.out());
        assertEquals("GET", calls.get(0).method());
        Call put = calls.get(1);
        assertEquals("PUT", put.method());
        assertEquals(P + "/groups/g1", put.uri());
        assertEquals("{\"name\":\"Kiosk fleet\",\"membershipRule\":\"device.name -startsWith \\\"kiosk-\\\"\"}", put.body());

        // a new rule only: the current name is kept
        run("group", "update", "g1", "--rule", "device.platform -eq \"ANDROID\"");
        assertEquals("{\"name\":\"Kiosks\",\"membershipRule\":\"device.platform -eq \\\"ANDROID\\\"\"}", calls.get(3).body());

        // name and --static: no need to read the group; no rule makes it static
        answer("PUT " + P + "/groups/g1", 200, "{\"group\":{\"id\":\"g1\",\"name\":\"Frozen\",\"membershipType\":\"STATIC\","
                + "\"membershipRule\":null},\"added\":0,\"removed\":0,\"assigned\":0,\"unassigned\":0}");
        CommandParsingTest.Result frozen = run("group", "update", "g1", "--name", "Frozen", "--static");
        assertEquals("Updated group Frozen (g1), static: 0 member(s) joined, 0 left; 0 assigned, 0 unassigned\n", frozen.out());
        assertEquals("PUT", calls.get(4).method());
        assertEquals("{\"name\":\"Frozen\"}", calls.get(4).body());
        run("group", "update", "g1", "--static");
        assertEquals("GET", calls.get(5).method());
        assertEquals("{\"name\":\"Kiosks\"}", calls.get(6).body());

        // usage errors: nothing to change, both --rule and --static, an empty rule; no call is made
        assertEquals(2, run("group", "update", "g1").code());
        CommandParsingTest.Result both = run("group", "update", "g1", "--rule", "device.name -eq \"x\"", "--static");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertEquals(2, run("group", "update", "g1", "--rule", "").code());
        assertEquals(7, calls.size());

        // a rule the service refuses
        problem("PUT " + P + "/groups/g1", 400, "Bad Request", "membershipRule: unknown attribute 'device.owner' at position 1");
        CommandParsingTest.Result bad = run("group", "update", "g1", "--name", "K", "--rule", "device.owner -eq \"x\"");
        assertEquals(2, bad.code());
        assertEquals("stratus: 400 Bad Request: membershipRule: unknown attribute 'device.owner' at position 1\n", bad.err());
    }

    @Test
    void groupDeleteAndMembers() {
        noContent("DELETE " + P + "/groups/g1");
        CommandParsingTest.Result r = run("group", "delete", "g1");
        assertEquals(0, r.code(), r.err());
        assertEquals("Deleted group g1\n", r.out());
        assertEquals("DELETE", calls.get(0).method());
        assertEquals(P + "/groups/g1", calls.get(0).uri());
        assertEquals("{\"deleted\":\"g1\"}\n", run("group", "delete", "g1", "--json").out());

        problem("DELETE " + P + "/groups/g2", 409, "Conflict", "group 'g2' is used by 1 assignment(s), e.g. 'a1'; change or delete them first");
        CommandParsingTest.Result used = run("group", "delete", "g2");
        assertEquals(2, used.code());
        assertEquals("stratus: 409 Conflict: group 'g2' is used by 1 assignment(s), e.g. 'a1'; change or delete them first\n", used.err());
        assertEquals("", used.out());

        String members = "{\"groupId\":\"g1\",\"membershipType\":\"STATIC\",\"deviceIds\":[\"laptop-1\"],\"userIds\":[\"alice\"],"
                + "\"effectiveDeviceIds\":[\"laptop-1\",\"laptop-7\"]}";
        answer("GET " + P + "/groups/g1/members", 200, members);
        CommandParsingTest.Result m = run("group", "members", "g1");
        assertEquals(0, m.code(), m.err());
        assertEquals("""
                group:    g1 (STATIC)
                devices:  laptop-1
                users:    alice
                in scope: laptop-1, laptop-7
                """, m.out());
        assertEquals("GET", calls.get(3).method());
        assertEquals(P + "/groups/g1/members?limit=100", calls.get(3).uri());
        assertEquals(members + "\n", run("group", "members", "g1", "--json").out());

        String page = "{\"groupId\":\"g1\",\"membershipType\":\"STATIC\",\"deviceIds\":[\"laptop-1\"],\"userIds\":[],"
                + "\"effectiveDeviceIds\":[\"laptop-1\"],\"deviceCount\":3,\"userCount\":0,\"effectiveDeviceCount\":3,\"next\":\"c2\"}";
        answer("GET " + P + "/groups/g1/members", 200, page);
        CommandParsingTest.Result paged = run("group", "members", "g1", "--limit", "1", "--after", "c1");
        assertEquals(0, paged.code(), paged.err());
        assertEquals("""
                group:    g1 (STATIC)
                devices:  laptop-1 (1 of 3)
                users:   \s
                in scope: laptop-1 (1 of 3)
                More: --after c2
                """, paged.out());
        assertEquals(P + "/groups/g1/members?limit=1&after=c1", calls.get(calls.size() - 1).uri());
        assertEquals(1, run("group", "members", "g1", "--limit", "0").code(), "a limit out of range is refused");

        answer("GET " + P + "/groups/g1", 200, "{\"id\":\"g1\",\"name\":\"Windows\",\"membershipType\":\"DYNAMIC\","
                + "\"membershipRule\":\"device.platform -eq \\\"WINDOWS\\\"\",\"deviceIds\":[],\"userIds\":[]}");
        String show = run("group", "show", "g1").out();
        assertTrue(show.contains("type:    DYNAMIC\nrule:    device.platform -eq \"WINDOWS\"\n"), show);
    }

    @Test
    void deviceListUpdateDeleteAndReport() {
        String list = "[{\"id\":\"laptop-1\",\"name\":\"LAPTOP-1\",\"platform\":\"WINDOWS\",\"serialNumber\":\"5CG1\",\"primaryUserId\":\"alice\"},"
                + "{\"id\":\"phone-7\",\"name\":\"PHONE-7\",\"platform\":\"IOS\",\"serialNumber\":null,\"primaryUserId\":null}]";
        answer("GET " + P + "/devices", 200, list);
        CommandParsingTest.Result l = run("device", "list", "--limit", "50", "--offset", "100");
        assertEquals(0, l.code(), l.err());
        assertEquals("""
                ID        NAME      PLATFORM  SERIAL  PRIMARY USER
                laptop-1  LAPTOP-1  WINDOWS   5CG1    alice
                phone-7   PHONE-7   IOS
                """, l.out());
        assertEquals("GET", calls.get(0).method());
        assertEquals(P + "/devices?limit=50&offset=100", calls.get(0).uri());
        assertEquals(0, run("device", "list").code());
        assertEquals(P + "/devices?limit=100&offset=0", calls.get(1).uri());
        assertEquals(list + "\n", run("device", "list", "--json").out());
        assertEquals(1, run("device", "list", "--limit", "0").code());
        assertEquals(3, calls.size());

        // only the options given are sent; an empty value clears (JSON null)
        answer("PATCH " + P + "/devices/laptop-1", 200, "{\"id\":\"laptop-1\",\"name\":\"LAPTOP-1B\",\"platform\":\"WINDOWS\"}");
        CommandParsingTest.Result u = run("device", "update", "laptop-1", "--name", "LAPTOP-1B", "--serial", "5CG2", "--primary-user", "");
        assertEquals(0, u.code(), u.err());
        assertEquals("Updated device LAPTOP-1B (laptop-1)\n", u.out());
        Call patch = calls.get(3);
        assertEquals("PATCH", patch.method());
        assertEquals(P + "/devices/laptop-1", patch.uri());
        assertEquals("application/json", patch.contentType());
        assertEquals("Bearer tok", patch.auth());
        assertEquals("{\"name\":\"LAPTOP-1B\",\"serialNumber\":\"5CG2\",\"primaryUserId\":null}", patch.body());
        run("device", "update", "laptop-1", "--imei", "356938035643809", "--wifi-mac", "");
        assertEquals("{\"imei\":\"356938035643809\",\"wifiMacAddress\":null}", calls.get(4).body());
        CommandParsingTest.Result none = run("device", "update", "laptop-1");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("give at least one of --name"), none.err());
        assertEquals(5, calls.size());
        problem("PATCH " + P + "/devices/laptop-2", 409, "Conflict", "device 'laptop-2' changed concurrently; retry");
        CommandParsingTest.Result busy = run("device", "update", "laptop-2", "--name", "X");
        assertEquals(2, busy.code());
        assertEquals("stratus: 409 Conflict: device 'laptop-2' changed concurrently; retry\n", busy.err());

        answer("DELETE " + P + "/devices/laptop-1", 200, "{\"id\":\"laptop-1\",\"assigned\":0,\"unassigned\":2,\"failed\":0}");
        CommandParsingTest.Result d = run("device", "delete", "laptop-1");
        assertEquals(0, d.code(), d.err());
        assertEquals("Deleted device laptop-1: 0 assigned, 2 unassigned, 0 failed\n", d.out());
        assertEquals("DELETE", calls.get(6).method());
        assertEquals(P + "/devices/laptop-1", calls.get(6).uri());
        assertEquals(2, run("device", "delete", "ghost").code());

        String report = "{\"deviceId\":\"laptop-1\",\"succeeded\":1,\"pending\":0,\"failed\":1,\"notApplicable\":0,\"profiles\":["
                + "{\"profileId\":\"s1\",\"profileName\":\"Device auth\",\"assignmentId\":\"a1\",\"status\":\"SUCCEEDED\",\"reason\":null,"
                + "\"serialNumber\":\"5F\",\"notAfter\":\"2027-11-25T00:00:00Z\",\"updatedAt\":\"2026-11-24T23:10:00Z\"},"
                + "{\"profileId\":\"s2\",\"profileName\":\"Wi-Fi\",\"assignmentId\":\"a2\",\"status\":\"FAILED\","
                + "\"reason\":\"certificate 0A revoked (keyCompromise)\",\"serialNumber\":\"0A\",\"notAfter\":null,\"updatedAt\":\"2026-11-24T23:11:00Z\"}]}";
        answer("GET " + P + "/devices/laptop-1/report", 200, report);
        CommandParsingTest.Result rep = run("device", "report", "laptop-1");
        assertEquals(0, rep.code(), rep.err());
        assertEquals("""
                Device laptop-1: 1 succeeded, 0 pending, 1 failed, 0 not applicable
                PROFILE  NAME         STATUS     SERIAL  NOT AFTER   REASON
                s1       Device auth  SUCCEEDED  5F      2027-11-25
                s2       Wi-Fi        FAILED     0A                  certificate 0A revoked (keyCompromise)
                """, rep.out());
        assertEquals(P + "/devices/laptop-1/report", calls.get(8).uri());
        assertEquals(report + "\n", run("device", "report", "laptop-1", "--json").out());
        answer("GET " + P + "/devices/phone-7/report", 200, "{\"deviceId\":\"phone-7\",\"profiles\":[]}");
        assertTrue(run("device", "report", "phone-7").out().endsWith("No profiles.\n"));
    }

    @Test
    void userShowUpdateAndDelete() {
        answer("GET " + P + "/users/alice", 200, "{\"id\":\"alice\",\"userPrincipalName\":\"alice@contoso.com\",\"email\":\"a@contoso.com\","
                + "\"givenName\":\"Alice\",\"surname\":null,\"onPremSamAccountName\":\"ASMITH\"}");
        CommandParsingTest.Result s = run("user", "show", "alice");
        assertEquals(0, s.code(), s.err());
        assertEquals("""
                id:         alice
                UPN:        alice@contoso.com
                email:      a@contoso.com
                given name: Alice
                SAM:        ASMITH
                """, s.out());
        assertEquals(P + "/users/alice", calls.get(0).uri());

        answer("PATCH " + P + "/users/alice", 200, "{\"id\":\"alice\",\"userPrincipalName\":\"alice@contoso.com\"}");
        CommandParsingTest.Result u = run("user", "update", "alice", "--email", "", "--surname", "Jones", "--onprem-dn", "CN=Alice,DC=contoso",
                "--sam", "AJONES", "--given-name", "Alicia");
        assertEquals(0, u.code(), u.err());
        assertEquals("Updated user alice@contoso.com (alice)\n", u.out());
        Call patch = calls.get(1);
        assertEquals("PATCH", patch.method());
        assertEquals(P + "/users/alice", patch.uri());
        assertEquals("application/json", patch.contentType());
        assertEquals("{\"email\":null,\"givenName\":\"Alicia\",\"surname\":\"Jones\",\"onPremDistinguishedName\":\"CN=Alice,DC=contoso\","
                + "\"onPremSamAccountName\":\"AJONES\"}", patch.body());
        assertEquals(2, run("user", "update", "alice").code());
        assertEquals(2, calls.size());

        problem("PATCH " + P + "/users/alice", 409, "Conflict", "user principal name 'bob@contoso.com' is taken in tenant demo");
        CommandParsingTest.Result taken = run("user", "update", "alice", "--upn", "bob@contoso.com");
        assertEquals(2, taken.code());
        assertEquals("stratus: 409 Conflict: user principal name 'bob@contoso.com' is taken in tenant demo\n", taken.err());
        assertEquals("{\"userPrincipalName\":\"bob@contoso.com\"}", calls.get(2).body());

        answer("DELETE " + P + "/users/alice", 200, "{\"id\":\"alice\",\"assigned\":0,\"unassigned\":1,\"failed\":1}");
        CommandParsingTest.Result d = run("user", "delete", "alice");
        assertEquals(0, d.code(), d.err());
        assertEquals("Deleted user alice: 0 assigned, 1 unassigned, 1 failed\n", d.out());
        assertEquals("DELETE", calls.get(3).method());
        assertEquals(P + "/users/alice", calls.get(3).uri());
        assertEquals("{\"id\":\"alice\",\"assigned\":0,\"unassigned\":1,\"failed\":1}\n", run("user", "delete", "alice", "--json").out());
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
                "--validity-days", "730", "--renewal-threshold", "10", "--trusted", "t1,t2", "--trusted", "t3",
                "--key-storage", "tpm_required", "--hash", "sha-384", "--revoke-on-unassignment", "true");
        assertEquals(0, r.code(), r.err());
        assertEquals("Created SCEP profile Device certificate (s1), DEVICE certificates from CA i1\n", r.out());
        assertEquals("{\"name\":\"S/MIME\",\"platform\":\"WINDOWS\",\"certificateType\":\"USER\",\"authorityId\":\"i1\","
                + "\"scepUrl\":\"http://localhost:8082/scep/demo/i1\",\"subjectNameFormat\":\"CN={{GivenName}} {{SurName}},O=Contoso\","
                + "\"subjectAlternativeNames\":[{\"type\":\"EMAIL\",\"value\":\"{{EmailAddress}}\"},{\"type\":\"UPN\",\"value\":\"{{UserPrincipalName}}\"}],"
                + "\"validityDays\":730,\"keyAlgorithm\":\"RSA\",\"keySize\":4096,\"keyUsages\":[\"digitalSignature\",\"keyEncipherment\"],"
                + "\"extendedKeyUsages\":[\"1.3.6.1.5.5.7.3.4\",\"1.3.6.1.5.5.7.3.2\"],\"renewalThresholdPercent\":10,"
                + "\"trustedProfileIds\":[\"t1\",\"t2\",\"t3\"],\"keyStorageProvider\":\"TPM_REQUIRED\",\"hashAlgorithm\":\"SHA384\","
                + "\"revokeOnUnassignment\":true}",
                calls.get(0).body());

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
        assertTrue(scep.contains("unassigned: keep its certificates until they expire\n"), scep);

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

    static final String TRUSTED = "{\"id\":\"t1\",\"tenant\":\"demo\",\"name\":\"Root\",\"platform\":\"WINDOWS\",\"store\":\"COMPUTER_ROOT\","
            + "\"authorityId\":\"r1\",\"subjectDn\":\"CN=Root\",\"certificatePem\":\"-----BEGIN CERTIFICATE-----\\nOLD\\n-----END CERTIFICATE-----\\n\","
            + "\"createdAt\":\"2026-11-24T23:00:00Z\"}";

    @Test
    void profileListShowsBothKindsInOneTable() throws Exception {
        answer("GET " + P + "/profiles/scep", 200, "[" + SCEP + "]");
        answer("GET " + P + "/profiles/trusted", 200, "[" + TRUSTED + "]");
        CommandParsingTest.Result r = run("profile", "list");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                ID  TYPE     NAME                PLATFORM  CA  WHAT
                s1  SCEP     Device certificate  WINDOWS   i1  DEVICE certificates
                t1  TRUSTED  Root                WINDOWS   r1  store COMPUTER_ROOT
                """, r.out());
        assertEquals(List.of(P + "/profiles/scep", P + "/profiles/trusted"), calls.stream().map(Call::uri).toList());

        JsonNode both = Json.MAPPER.readTree(run("profile", "list", "--json").out());
        assertEquals("s1", both.path("scep").path(0).path("id").asText());
        assertEquals("t1", both.path("trusted").path(0).path("id").asText());

        CommandParsingTest.Result trusted = run("profile", "list", "--type", "trusted");
        assertFalse(trusted.out().contains("SCEP"), trusted.out());
        assertEquals(P + "/profiles/trusted", calls.get(4).uri());
        assertEquals(5, calls.size());
        assertEquals("[" + SCEP + "]\n", run("profile", "list", "--type", "SCEP", "--json").out());
        assertEquals(P + "/profiles/scep", calls.get(5).uri());
        assertEquals(6, calls.size());
        assertEquals(2, run("profile", "list", "--type", "wifi").code());

        answer("GET " + P + "/profiles/scep", 200, "[]");
        answer("GET " + P + "/profiles/trusted", 200, "[]");
        assertEquals("No profiles.\n", run("profile", "list").out());
    }

    @Test
    void updateTrustedSendsTheCurrentProfileWithTheGivenOptions(@TempDir Path dir) throws Exception {
        answer("GET " + P + "/profiles/trusted/t1", 200, TRUSTED);
        answer("PUT " + P + "/profiles/trusted/t1", 200, "{\"id\":\"t1\",\"name\":\"Contoso Root\",\"store\":\"COMPUTER_ROOT\",\"subjectDn\":\"CN=Root 2\"}");
        Path der = dir.resolve("root2.cer");
        Files.write(der, new byte[] {0x30, 0x03, 0x02, 0x01, 0x02});
        CommandParsingTest.Result r = run("profile", "update-trusted", "t1", "--name", "Contoso Root", "--cert", der.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Updated trusted profile Contoso Root (t1), COMPUTER_ROOT: CN=Root 2\n", r.out());
        assertEquals("GET", calls.get(0).method());
        Call put = calls.get(1);
        assertEquals("PUT", put.method());
        assertEquals(P + "/profiles/trusted/t1", put.uri());
        assertEquals("{\"name\":\"Contoso Root\",\"platform\":\"WINDOWS\",\"certificatePem\":"
                + "\"-----BEGIN CERTIFICATE-----\\nMAMCAQI=\\n-----END CERTIFICATE-----\\n\",\"store\":\"COMPUTER_ROOT\",\"authorityId\":\"r1\"}",
                put.body());

        run("profile", "update-trusted", "t1", "--store", "computer_intermediate", "--platform", "macos", "--ca", "");
        assertEquals("{\"name\":\"Root\",\"platform\":\"MACOS\",\"certificatePem\":\"-----BEGIN CERTIFICATE-----\\nOLD\\n-----END CERTIFICATE-----\\n\","
                + "\"store\":\"COMPUTER_INTERMEDIATE\"}", calls.get(3).body());

        assertEquals(2, run("profile", "update-trusted", "t1").code());
        assertEquals(1, run("profile", "update-trusted", "t1", "--cert", dir.resolve("missing.pem").toString()).code());
        assertEquals(4, calls.size());

        problem("PUT " + P + "/profiles/trusted/t1", 400, "Bad Request", "store COMPUTER_ROOT takes only a self-signed root");
        CommandParsingTest.Result bad = run("profile", "update-trusted", "t1", "--store", "COMPUTER_ROOT");
        assertEquals(2, bad.code());
        assertEquals("stratus: 400 Bad Request: store COMPUTER_ROOT takes only a self-signed root\n", bad.err());
        problem("GET " + P + "/profiles/trusted/t9", 404, "Not Found", "trusted profile 't9' not found in tenant demo");
        assertEquals(2, run("profile", "update-trusted", "t9", "--name", "X").code());
        assertEquals("GET", calls.get(calls.size() - 1).method());
    }

    @Test
    void deleteFallsBackToTheTrustedProfile() {
        noContent("DELETE " + P + "/profiles/trusted/t1");
        CommandParsingTest.Result r = run("profile", "delete", "t1");
        assertEquals(0, r.code(), r.err());
        assertEquals("Deleted trusted profile t1\n", r.out());
        assertEquals("DELETE", calls.get(0).method());
        assertEquals(P + "/profiles/scep/t1", calls.get(0).uri());
        assertEquals("DELETE", calls.get(1).method());
        assertEquals(P + "/profiles/trusted/t1", calls.get(1).uri());
        assertEquals("{\"deleted\":\"t1\"}\n", run("profile", "delete", "t1", "--json").out());

        problem("DELETE " + P + "/profiles/trusted/t2", 409, "Conflict", "trusted profile 't2' is used by 1 SCEP profile(s), e.g. 's1';"
                + " remove it from them first");
        CommandParsingTest.Result used = run("profile", "delete", "t2");
        assertEquals(2, used.code());
        assertEquals("stratus: 409 Conflict: trusted profile 't2' is used by 1 SCEP profile(s), e.g. 's1'; remove it from them first\n",
                used.err());

        CommandParsingTest.Result nothing = run("profile", "delete", "nope");
        assertEquals(2, nothing.code());
        assertEquals("stratus: 404 Not Found: no SCEP or trusted profile 'nope' in tenant demo\n", nothing.err());
        assertEquals(2, run("profile", "show", "nope").code());

        // a SCEP refusal other than 404 is the answer: no trusted profile is tried
        int before = calls.size();
        problem("DELETE " + P + "/profiles/scep/s2", 409, "Conflict", "SCEP profile 's2' is still assigned");
        assertEquals(2, run("profile", "delete", "s2").code());
        assertEquals(before + 1, calls.size());
    }

    // assignments and the report

    @Test
    void assignmentList() {
        String list = "[{\"id\":\"a1\",\"tenant\":\"demo\",\"profileId\":\"s1\",\"includeGroupIds\":[\"g1\",\"g2\"],"
                + "\"excludeGroupIds\":[\"g3\"],\"createdAt\":\"2026-11-24T23:05:00Z\",\"devices\":null,"
                + "\"rollout\":\"COMPLETE\"},"
                + "{\"id\":\"a2\",\"tenant\":\"demo\",\"profileId\":\"t1\",\"includeGroupIds\":[\"g1\"],\"excludeGroupIds\":[],"
                + "\"createdAt\":\"2026-11-25T00:01:00Z\",\"rollout\":\"IN_PROGRESS\"}]";
        answer("GET " + P + "/assignments", 200, list);
        CommandParsingTest.Result r = run("assignment", "list");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                ID  PROFILE  INCLUDE  EXCLUDE  CREATED     ROLLOUT
                a1  s1       g1,g2    g3       2026-11-24  COMPLETE
                a2  t1       g1                2026-11-25  IN_PROGRESS
                """, r.out());
        assertEquals("GET", calls.get(0).method());
        assertEquals(P + "/assignments", calls.get(0).uri());
        assertEquals(list + "\n", run("assignment", "list", "--json").out());
        answer("GET " + P + "/assignments", 200, "[]");
        assertEquals("No assignments.\n", run("assignment", "list").out());
        problem("GET " + P + "/assignments", 403, "Forbidden", "tenant 'demo' is not in the token");
        CommandParsingTest.Result denied = run("assignment", "list");
        assertEquals(2, denied.code());
        assertEquals("stratus: 403 Forbidden: tenant 'demo' is not in the token\n", denied.err());
    }

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

        answer("POST " + P + "/assignments", 201, "{\"id\":\"a2\",\"devices\":1000,\"assigned\":1000,\"failed\":0,"
                + "\"notApplicable\":0,\"rollout\":\"IN_PROGRESS\"}");
        assertEquals("Created assignment a2: 1000 device(s) in scope, 1000 assigned, 0 failed, 0 not applicable in its"
                + " first slice; the other devices follow in the background (`stratus report PROFILE_ID` shows the"
                + " progress)\n", run("assignment", "create", "--profile", "s1", "--include", "big").out());

        answer("DELETE " + P + "/assignments/a1", 200, "{\"id\":\"a1\",\"unassigned\":2}");
        assertEquals("Deleted assignment a1: 2 device(s) unassigned\n", run("assignment", "delete", "a1").out());
    }

    @Test
    void reportPrintsCountsAndRowsOrTheRawJson() {
        String report = "{\"profileId\":\"s1\",\"succeeded\":1,\"pending\":0,\"failed\":1,\"notApplicable\":0,"
                + "\"expiring\":1,\"expired\":0,\"superseded\":2,\"devices\":["
                + "{\"deviceId\":\"laptop-1\",\"assignmentId\":\"a1\",\"status\":\"SUCCEEDED\",\"reason\":null,\"serialNumber\":\"5F\",\"updatedAt\":\"2026-11-24T23:10:00Z\"},"
                + "{\"deviceId\":\"laptop-2\",\"assignmentId\":\"a1\",\"status\":\"FAILED\",\"reason\":\"device has no SerialNumber\",\"serialNumber\":null,\"updatedAt\":\"2026-11-24T23:11:00Z\"}]}";
        answer("GET " + P + "/profiles/s1/report", 200, report);
        CommandParsingTest.Result r = run("report", "s1");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                Profile s1: 1 succeeded, 0 pending, 1 failed, 0 not applicable
                certificates: 1 expiring within 30 days, 0 expired, 2 superseded by renewals
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
        Map<String, String[]> verbs = Map.of(
                "profile", new String[] {"create-trusted", "create-scep", "list", "show", "update", "update-trusted", "delete"},
                "group", new String[] {"create", "list", "show", "members", "update", "delete", "add", "remove"},
                "device", new String[] {"register", "list", "show", "update", "delete", "report", "import"},
                "user", new String[] {"create", "list", "show", "update", "delete", "import"},
                "assignment", new String[] {"create", "list", "delete"});
        verbs.forEach((command, names) -> {
            CommandParsingTest.Result h = CommandParsingTest.run(command, "--help");
            assertEquals(0, h.code(), h.err());
            for (String v : names) {
                assertTrue(h.out().contains("  " + v + " ") || h.out().contains("  " + v + "\n"), command + " " + v + ": " + h.out());
            }
        });
    }
}
