package io.stratus.enrollment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.JwtIssuer;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;

/** Static challenge mode: the admin endpoint (RBAC), salted storage, enrollment with any CN, configuration. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class StaticChallengeTest {

    static final String PATH = "/api/v1/tenants/{tenant}/scep/{ca}/static-challenge";
    static final String CONFIG_CA = "ca-static-from-config";
    static final String CONFIG_CHALLENGE = "config-static-challenge-0123456789";
    private static Issuer staticCa;
    private static Issuer configCa;

    @TestHTTPResource("/")
    URL root;

    TestWorld world;

    @BeforeEach
    void world() {
        world = TestWorld.get();
        synchronized (StaticChallengeTest.class) {
            if (staticCa == null) {
                staticCa = world.ca.createIssuing("Static CA " + UUID.randomUUID().toString().substring(0, 8));
                configCa = world.ca.createIssuing("Config Static CA", true, CONFIG_CA);
            }
        }
    }

    private ScepHttp scep(Issuer ca) {
        String url = root.toString();
        return world.scep(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, ca.id());
    }

    private static String token(Set<String> roles, String tenant) {
        return JwtIssuer.forTests().token("admin", roles, Set.of(tenant), Duration.ofMinutes(5));
    }

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private String manager() {
        return token(Set.of(Roles.CA_MANAGE), world.tenant);
    }

    private static String body(String challenge) {
        return "{\"challenge\":\"" + challenge + "\"}";
    }

    private void setChallenge(Issuer ca, String challenge) {
        as(manager()).contentType("application/json").body(body(challenge))
                .when().put(PATH, world.tenant, ca.id())
                .then().statusCode(200)
                .body("authorityId", equalTo(ca.id()))
                .body("enabled", equalTo(true))
                .body("$", not(hasKey("challenge")));
    }

    @Test
    void settingAndRemovingAChallengeIsAuditedWithoutItAndTheTopicConfirmsTheChain() throws Exception {
        Issuer ca = world.ca.createIssuing("Audited static CA " + UUID.randomUUID().toString().substring(0, 8));
        String challenge = "audited-challenge-" + UUID.randomUUID();
        String bob = JwtIssuer.forTests().token("bob@contoso.test", Set.of(Roles.CA_MANAGE), Set.of(world.tenant),
                Duration.ofMinutes(5));
        TestWorld.awaitCaCertificates(scep(ca)); // the CA's AuthorityCreated has arrived
        long before = Database.count("select count(*) from audit_record where tenant = ?", world.tenant);
        as(bob).contentType("application/json").body(body(challenge)).when().put(PATH, world.tenant, ca.id())
                .then().statusCode(200);
        as(bob).contentType("application/json").body(body(challenge + "-2")).when().put(PATH, world.tenant, ca.id())
                .then().statusCode(200);
        as(bob).when().delete(PATH, world.tenant, ca.id()).then().statusCode(204);
        as(bob).when().delete(PATH, world.tenant, ca.id()).then().statusCode(404);

        List<Map<String, Object>> records = as(token(Set.of(Roles.AUDIT_READ), world.tenant))
                .get("/api/v1/tenants/{tenant}/audit?after={after}", world.tenant, before)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(List.of("STATIC_CHALLENGE_SET", "STATIC_CHALLENGE_SET", "STATIC_CHALLENGE_REMOVED"),
                records.stream().map(r -> r.get("action")).toList(), "the refused second removal is not a change");
        assertEquals(List.of("SUCCESS", "SUCCESS (replaced)", "SUCCESS"),
                records.stream().map(r -> r.get("outcome")).toList());
        for (Map<String, Object> record : records) {
            assertEquals("bob@contoso.test", record.get("actor"));
            assertEquals("authority:" + ca.id(), record.get("target"));
        }
        assertEquals(0, Database.count("select count(*) from audit_record where position(? in actor || action"
                + " || target || outcome) > 0", "audited-challenge"), "the challenge is never in the log");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath verified = verifyAudit();
        while (!"matched".equals(verified.getString("checkpoint.status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            verified = verifyAudit();
        }
        assertTrue(verified.getBoolean("valid"), verified.prettify());
        assertEquals("matched", verified.getString("checkpoint.status"), "the audit relay published the records");
        assertEquals(before + 3, verified.getLong("records"));
    }

    private JsonPath verifyAudit() {
        return as(token(Set.of(Roles.AUDIT_READ), world.tenant)).post("/api/v1/tenants/{tenant}/audit/verify",
                world.tenant).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void adminEndpointNeedsCaManageForTheTenant() {
        String before = String.valueOf(Database.single(
                "select encode(hash, 'hex') from static_challenge where authority_id = ?", staticCa.id()));
        String challenge = "access-check-" + UUID.randomUUID();
        as(token(Set.of(Roles.CA_READ, Roles.CA_CREATE), world.tenant)).contentType("application/json")
                .body(body(challenge)).when().put(PATH, world.tenant, staticCa.id())
                .then().statusCode(403).contentType("application/problem+json");
        as(token(Set.of(Roles.CA_MANAGE), "another-tenant")).contentType("application/json").body(body(challenge))
                .when().put(PATH, world.tenant, staticCa.id())
                .then().statusCode(403).contentType("application/problem+json");
        as(null).contentType("application/json").body(body(challenge))
                .when().put(PATH, world.tenant, staticCa.id())
                .then().statusCode(401);
        as(null).when().delete(PATH, world.tenant, staticCa.id()).then().statusCode(401);
        as(token(Set.of(Roles.CA_READ), world.tenant)).when().delete(PATH, world.tenant, staticCa.id())
                .then().statusCode(403);
        assertEquals(before, String.valueOf(Database.single(
                "select encode(hash, 'hex') from static_challenge where authority_id = ?", staticCa.id())),
                "refused requests change nothing");
    }

    @Test
    void badBodiesAndUnknownCasAreProblems() {
        as(manager()).contentType("application/json").body(body("short"))
                .when().put(PATH, world.tenant, staticCa.id())
                .then().statusCode(400).contentType("application/problem+json");
        as(manager()).contentType("application/json").body("{}")
                .when().put(PATH, world.tenant, staticCa.id())
                .then().statusCode(400).contentType("application/problem+json");
        as(manager()).contentType("application/json").body(body("has spaces in the challenge"))
                .when().put(PATH, world.tenant, staticCa.id())
                .then().statusCode(400).contentType("application/problem+json");
        as(manager()).contentType("application/json").body(body("long-enough-challenge-123"))
                .when().put(PATH, world.tenant, "no-such-ca")
                .then().statusCode(404).contentType("application/problem+json");
        as(manager()).contentType("application/json").body(body("long-enough-challenge-123"))
                .when().put(PATH, world.tenant, world.ca.rootId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void staticChallengeEnrollsAnyCnUnderTheDefaultPolicyAndIsStoredSaltedAndHashed(@TempDir Path dir)
            throws Exception {
        String challenge = "bench-static-" + UUID.randomUUID();
        setChallenge(staticCa, challenge);
        byte[] salt = (byte[]) Database.single("select salt from static_challenge where authority_id = ?", staticCa.id());
        byte[] hash = (byte[]) Database.single("select hash from static_challenge where authority_id = ?", staticCa.id());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(salt);
        assertArrayEquals(sha256.digest(challenge.getBytes(StandardCharsets.UTF_8)), hash);

        ScepHttp scep = scep(staticCa);
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice client = new TestDevice("thirdparty-" + UUID.randomUUID().toString().substring(0, 8));
        ScepResponse reply = client.pkcsReq(scep, ra, client.csr("CN=" + client.name + ",O=Anything,C=US", challenge));

        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        X509Certificate certificate = reply.certificates().get(0);
        assertTrue(SubjectNames.same("CN=" + client.name, SubjectNames.toString(certificate.getSubjectX500Principal())),
                "only the CN is taken from the CSR");
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
        long days = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant())
                .toDays();
        assertTrue(days >= 364 && days <= 366, "about 365 days: " + days);
        assertEquals("STATIC", Database.single("select kind from enrollment where transaction_id = ?",
                client.transactionId));
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(staticCa.certificate()));
        Path leafFile = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(certificate));
        OpenSsl.verifyChain(rootFile, caFile, leafFile);

        // the same challenge works again (it is static), a wrong one does not
        TestDevice second = new TestDevice("thirdparty-2-" + UUID.randomUUID().toString().substring(0, 8));
        assertEquals(PkiStatus.SUCCESS, second.pkcsReq(scep, ra, second.csr("CN=" + second.name, challenge)).status());
        TestDevice guesser = new TestDevice("guesser");
        assertFailure(guesser.pkcsReq(scep, ra, guesser.csr("CN=guesser", challenge + "x")), FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(guesser.transactionId));
    }

    @Test
    void staticModeStillNeedsRsa2048AndACn() throws Exception {
        String challenge = "key-rules-" + UUID.randomUUID();
        setChallenge(staticCa, challenge);
        ScepHttp scep = scep(staticCa);
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));

        KeyPairGenerator rsa1024 = KeyPairGenerator.getInstance("RSA");
        rsa1024.initialize(1024);
        TestDevice weak = new TestDevice("weak", rsa1024.generateKeyPair());
        assertFailure(weak.pkcsReq(scep, ra, weak.csr("CN=weak", challenge)), FailInfo.badRequest);

        KeyPair ec = KeyAlgorithm.EC_P256.generate();
        TestDevice elliptic = new TestDevice("elliptic", ec);
        assertFailure(elliptic.pkcsReq(scep, ra, elliptic.csr("CN=elliptic", challenge)), FailInfo.badRequest);

        TestDevice nameless = new TestDevice("nameless");
        assertFailure(nameless.pkcsReq(scep, ra, nameless.csr("O=No Common Name", challenge)), FailInfo.badRequest);
        for (TestDevice refused : List.of(weak, elliptic, nameless)) {
            assertEquals(0, world.ca.requestsFor(refused.transactionId));
        }
    }

    @Test
    void deletingTheChallengeTurnsStaticModeOff() {
        Issuer ca = world.ca.createIssuing("Static Off CA " + UUID.randomUUID().toString().substring(0, 8));
        ScepHttp scep = scep(ca);
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        String challenge = "soon-gone-" + UUID.randomUUID();
        setChallenge(ca, challenge);

        as(manager()).when().delete(PATH, world.tenant, ca.id()).then().statusCode(204);
        as(manager()).when().delete(PATH, world.tenant, ca.id()).then().statusCode(404)
                .contentType("application/problem+json");

        TestDevice client = new TestDevice("after-delete");
        assertFailure(client.pkcsReq(scep, ra, client.csr("CN=after-delete", challenge)), FailInfo.badRequest);
    }

    @Test
    void aStaticCertificateRenewsWhileItsCaKeepsAStaticChallenge() {
        Issuer ca = world.ca.createIssuing("Static Renewal CA " + UUID.randomUUID().toString().substring(0, 8));
        ScepHttp scep = scep(ca);
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        String challenge = "renewing-" + UUID.randomUUID();
        setChallenge(ca, challenge);
        String cn = "static-renew-" + UUID.randomUUID().toString().substring(0, 8);
        world.ca.issueAged("static:" + cn); // inside the 20% renewal window at once
        TestDevice device = new TestDevice(cn);
        ScepResponse enrolled = device.pkcsReq(scep, ra, device.csr("CN=" + cn, challenge));
        assertEquals(PkiStatus.SUCCESS, enrolled.status(), () -> "failInfo " + enrolled.failInfo());
        X509Certificate certificate = enrolled.certificates().get(0);

        TestDevice renewing = new TestDevice(cn);
        ScepResponse renewed = renewing.renewalReq(scep, ra, certificate, device.keys.getPrivate(),
                renewing.csr("CN=" + cn, null));
        assertEquals(PkiStatus.SUCCESS, renewed.status(), () -> "failInfo " + renewed.failInfo());

        as(manager()).when().delete(PATH, world.tenant, ca.id()).then().statusCode(204);
        TestDevice afterOff = new TestDevice(cn);
        assertFailure(afterOff.renewalReq(scep, ra, renewed.certificates().get(0), renewing.keys.getPrivate(),
                afterOff.csr("CN=" + cn, null)), FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(afterOff.transactionId), "static mode off: nothing relayed");
    }

    @Test
    void staticChallengeFromConfigurationWorksForItsCaOnly() {
        ScepHttp scep = scep(configCa);
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice client = new TestDevice("configured-" + UUID.randomUUID().toString().substring(0, 8));

        ScepResponse reply = client.pkcsReq(scep, ra, client.csr("CN=" + client.name, CONFIG_CHALLENGE));

        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        ScepHttp other = scep(world.issuing);
        X509Certificate otherRa = TestWorld.ra(TestWorld.awaitCaCertificates(other));
        TestDevice elsewhere = new TestDevice("elsewhere");
        assertFailure(elsewhere.pkcsReq(other, otherRa, elsewhere.csr("CN=elsewhere", CONFIG_CHALLENGE)),
                FailInfo.badRequest);
    }

    private static void assertFailure(ScepResponse reply, FailInfo expected) {
        assertEquals(PkiStatus.FAILURE, reply.status());
        assertEquals(expected, reply.failInfo());
    }
}
