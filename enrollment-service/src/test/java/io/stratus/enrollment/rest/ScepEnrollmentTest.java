package io.stratus.enrollment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Bytes;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestProfiles.Assignment;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.events.AuthorityStatus;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * A device enrolls over real HTTP against the running service while the test plays ca-service and
 * profile-service over the real Kafka broker, with real keys and certificates checked by OpenSSL.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class ScepEnrollmentTest {

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    ScepHttp scep;
    X509Certificate ra;

    @BeforeEach
    void world() {
        world = TestWorld.get();
        scep = world.scep(base(), world.issuing.id());
        ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
    }

    private String base() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void getCaCapsListsTheCapabilities() {
        HttpResponse<byte[]> response = scep.get("GetCACaps");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        List<String> lines = List.of(new String(response.body(), StandardCharsets.UTF_8).split("\n"));
        assertEquals(List.of("POSTPKIOperation", "SHA-256", "SHA-512", "AES", "SCEPStandard", "Renewal"), lines);
    }

    @Test
    void getCaCertHoldsTheIssuingCaAndItsRaCertificate() throws Exception {
        HttpResponse<byte[]> response = scep.get("GetCACert");
        assertEquals(200, response.statusCode());
        assertEquals("application/x-x509-ca-ra-cert", response.headers().firstValue("Content-Type").orElse(""));
        List<X509Certificate> certificates = io.stratus.crypto.scep.ScepClientMessages.caCertificates(response.body());
        assertEquals(2, certificates.size());
        assertTrue(certificates.contains(world.issuing.certificate()), "the issuing CA certificate is included");
        X509Certificate raCertificate = TestWorld.ra(certificates);
        assertEquals("CN=Stratus SCEP RA " + world.issuing.id(),
                SubjectNames.toString(raCertificate.getSubjectX500Principal()));
        raCertificate.verify(world.issuing.certificate().getPublicKey());
        boolean[] usage = raCertificate.getKeyUsage();
        assertTrue(usage[0] && usage[2], "RA certificate has digitalSignature and keyEncipherment");
        assertEquals(-1, raCertificate.getBasicConstraints());
    }

    @Test
    void deviceEnrollsAndOpenSslVerifiesTheCertificate(@TempDir Path dir) throws Exception {
        TestDevice device = new TestDevice("laptop-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        String challenge = device.open(assignment.sealedChallenge());

        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(challenge));

        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        assertEquals(device.transactionId, reply.transactionId());
        X509Certificate certificate = reply.certificates().get(0);
        assertEquals(device.keys.getPublic(), certificate.getPublicKey());
        assertTrue(SubjectNames.same(device.subject(), SubjectNames.toString(certificate.getSubjectX500Principal())));
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
        verifyWithOpenSsl(dir, certificate);
        assertEquals("ISSUED", Database.single("select status from enrollment where transaction_id = ?",
                device.transactionId));
        assertEquals(1, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void sameTransactionAgainGetsTheSameCertificateWithoutASecondRequest() {
        TestDevice device = new TestDevice("phone-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        byte[] csr = device.csr(device.open(assignment.sealedChallenge()));
        ScepResponse first = device.pkcsReq(scep, ra, csr);
        assertEquals(PkiStatus.SUCCESS, first.status());

        ScepResponse again = device.pkcsReq(scep, ra, csr);

        assertEquals(PkiStatus.SUCCESS, again.status());
        assertArrayEquals(Pem.der(first.certificates().get(0)), Pem.der(again.certificates().get(0)));
        assertEquals(1, world.ca.requestsFor(device.transactionId), "the CA saw one request");
    }

    @Test
    void concurrentEnrollmentsEachGetTheirCertificate() throws Exception {
        List<TestDevice> devices = new ArrayList<>();
        List<byte[]> csrs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestDevice device = new TestDevice("fleet-" + i + "-" + shortId());
            devices.add(device);
            csrs.add(device.csr(device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device)
                    .sealedChallenge())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        try {
            List<Future<ScepResponse>> replies = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                TestDevice device = devices.get(i);
                byte[] csr = csrs.get(i);
                replies.add(pool.submit(() -> device.pkcsReq(scep, ra, csr)));
            }
            for (int i = 0; i < devices.size(); i++) {
                ScepResponse reply = replies.get(i).get();
                assertEquals(PkiStatus.SUCCESS, reply.status());
                assertEquals(devices.get(i).keys.getPublic(), reply.certificates().get(0).getPublicKey());
                assertEquals(1, world.ca.requestsFor(devices.get(i).transactionId));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCopiesOfOneRequestMakeOneRequestToTheCa() throws Exception {
        TestDevice device = new TestDevice("eager-" + shortId());
        byte[] csr = device.csr(device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device)
                .sealedChallenge()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<ScepResponse> replies = new ArrayList<>();
        try {
            List<Future<ScepResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> device.pkcsReq(scep, ra, csr)));
            }
            for (Future<ScepResponse> future : futures) {
                replies.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        for (ScepResponse reply : replies) {
            assertTrue(reply.status() != PkiStatus.FAILURE, "a copy of a live request is never refused");
        }
        ScepResponse settled = Await.value("the transaction to be issued", () -> {
            ScepResponse poll = device.certPoll(scep, ra, world.issuing.certificate());
            return poll.status() == PkiStatus.SUCCESS ? poll : null;
        });
        assertEquals(device.keys.getPublic(), settled.certificates().get(0).getPublicKey());
        assertEquals(1, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void pkcsReqOverGetWorksToo() {
        TestDevice device = new TestDevice("kiosk-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);

        ScepResponse reply = device.pkcsReqOverGet(scep, ra, device.csr(device.open(assignment.sealedChallenge())));

        assertEquals(PkiStatus.SUCCESS, reply.status());
        assertEquals(device.keys.getPublic(), reply.certificates().get(0).getPublicKey());
    }

    @Test
    void reusedChallengeFails() {
        TestDevice device = new TestDevice("desk-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        String challenge = device.open(assignment.sealedChallenge());
        assertEquals(PkiStatus.SUCCESS, device.pkcsReq(scep, ra, device.csr(challenge)).status());

        TestDevice sameNameNewKey = new TestDevice(device.name);
        ScepResponse reply = sameNameNewKey.pkcsReq(scep, ra, sameNameNewKey.csr(challenge));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(sameNameNewKey.transactionId));
        assertNull(Database.single("select status from enrollment where transaction_id = ?",
                sameNameNewKey.transactionId));
    }

    @Test
    void challengeRecordedJustAfterTheDevicePresentsItIsAccepted() throws Exception {
        TestDevice device = new TestDevice("early-" + shortId());
        Assignment assignment = TestProfiles.unpublished(world.tenant, world.issuing.id(), device);
        byte[] csr = device.csr(device.open(assignment.sealedChallenge()));
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            later.schedule(() -> TestProfiles.publish(assignment), 500, TimeUnit.MILLISECONDS);

            ScepResponse reply = device.pkcsReq(scep, ra, csr);

            assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
            assertEquals(1, world.ca.requestsFor(device.transactionId));
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void wrongChallengeFails() {
        TestDevice device = new TestDevice("guess-" + shortId());
        TestProfiles.assign(world.tenant, world.issuing.id(), device);

        ScepResponse reply = device.pkcsReq(scep, ra, device.csr("not-the-challenge"));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void expiredChallengeFails() {
        TestDevice device = new TestDevice("late-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device,
                Instant.now().minus(Duration.ofMinutes(1)));

        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(device.open(assignment.sealedChallenge())));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void challengeOfAnEndedAssignmentFails() {
        TestDevice device = new TestDevice("gone-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        TestProfiles.unassign(assignment);
        Await.until("the challenge to be voided", () -> Database.count(
                "select count(*) from challenge where device_id = ? and voided_at is not null", device.id) == 1);

        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(device.open(assignment.sealedChallenge())));

        assertFailure(reply, FailInfo.badRequest);
    }

    @Test
    void csrSubjectOtherThanTheProfileFails() {
        TestDevice device = new TestDevice("honest-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        String challenge = device.open(assignment.sealedChallenge());

        ScepResponse reply = device.pkcsReq(scep, ra, device.csr("CN=someone-else,O=Stratus Test", challenge));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(device.transactionId));
        assertNull(Database.single("select used_at from challenge where device_id = ?", device.id),
                "a refused CSR does not use up the challenge");
    }

    @Test
    void caRejectionIsAFailure() {
        TestDevice device = new TestDevice("refused-" + shortId());
        world.ca.refuse(device.id);
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);

        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(device.open(assignment.sealedChallenge())));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals("REJECTED", Database.single("select status from enrollment where transaction_id = ?",
                device.transactionId));
    }

    @Test
    void silentCaGivesPendingThenCertPollGetsTheCertificate(@TempDir Path dir) throws Exception {
        TestDevice device = new TestDevice("patient-" + shortId());
        world.ca.silence(device.id);
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);

        ScepResponse first = device.pkcsReq(scep, ra, device.csr(device.open(assignment.sealedChallenge())));
        assertEquals(PkiStatus.PENDING, first.status());
        assertEquals(PkiStatus.PENDING, device.certPoll(scep, ra, world.issuing.certificate()).status());

        world.ca.release(device.transactionId);
        ScepResponse polled = Await.value("CertPoll to answer SUCCESS", () -> {
            ScepResponse reply = device.certPoll(scep, ra, world.issuing.certificate());
            assertFalse(reply.status() == PkiStatus.FAILURE, "no FAILURE while pending");
            return reply.status() == PkiStatus.SUCCESS ? reply : null;
        });

        X509Certificate certificate = polled.certificates().get(0);
        assertEquals(device.keys.getPublic(), certificate.getPublicKey());
        verifyWithOpenSsl(dir, certificate);
        assertEquals(1, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void aTransactionAnswersOnlyTheKeyThatSentIt() {
        TestDevice device = new TestDevice("owner-" + shortId());
        world.ca.silence(device.id);
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        assertEquals(PkiStatus.PENDING,
                device.pkcsReq(scep, ra, device.csr(device.open(assignment.sealedChallenge()))).status());
        TestDevice thief = new TestDevice("thief-" + shortId(), KeyAlgorithm.RSA_2048.generate(), device.transactionId);

        assertFailure(thief.certPoll(scep, ra, world.issuing.certificate()), FailInfo.badCertId);
        world.ca.release(device.transactionId);
        Await.until("the owner's CertPoll to answer SUCCESS",
                () -> device.certPoll(scep, ra, world.issuing.certificate()).status() == PkiStatus.SUCCESS);

        // once issued: neither a CertPoll nor a repeated PKCSReq with another key gets the certificate
        assertFailure(thief.certPoll(scep, ra, world.issuing.certificate()), FailInfo.badCertId);
        ScepResponse repeated = thief.pkcsReq(scep, ra, thief.csr(device.subject(), null));
        assertFailure(repeated, FailInfo.badRequest);
        assertEquals(List.of(), repeated.certificates());
        // the owner's repeated PKCSReq is still answered from the record
        assertEquals(PkiStatus.SUCCESS, device.pkcsReq(scep, ra, device.csr(null)).status());
        assertEquals(1, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void theChallengeTravelsNeitherOnTheBusNorIntoTheDatabase() {
        TestDevice device = new TestDevice("discreet-" + shortId());
        world.ca.silence(device.id);
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        String challenge = device.open(assignment.sealedChallenge());
        assertEquals(PkiStatus.PENDING, device.pkcsReq(scep, ra, device.csr(challenge)).status());

        String travelled = Await.value("the request on Kafka", () -> world.ca.rawRequest(device.transactionId));
        byte[] secret = challenge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the CSR held the challenge as a DER string: look into every base64 value of the event, not only its text
        for (byte[] value : textAndBase64Values(travelled)) {
            assertFalse(Bytes.contains(value, secret), "the challenge is in the CertificateRequested event: " + travelled);
        }
        assertEquals(0, Database.count("select count(*) from enrollment where transaction_id = ? and position(? in"
                + " coalesce(csr_der, ''::bytea) || coalesce(public_key_der, ''::bytea)) > 0", device.transactionId,
                secret), "the challenge is stored with the pending transaction");
        world.ca.release(device.transactionId);
        Await.until("the certificate", () -> device.certPoll(scep, ra, world.issuing.certificate()).status()
                == PkiStatus.SUCCESS);
    }

    /** The event's text and every JSON string value of it that decodes as base64. */
    private static List<byte[]> textAndBase64Values(String json) {
        List<byte[]> values = new java.util.ArrayList<>();
        values.add(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.regex.Matcher strings = java.util.regex.Pattern.compile("\"([A-Za-z0-9+/=]{16,})\"").matcher(json);
        while (strings.find()) {
            try {
                values.add(java.util.Base64.getDecoder().decode(strings.group(1)));
            } catch (IllegalArgumentException notBase64) {
                // a plain value: its text is in the first entry
            }
        }
        assertTrue(values.size() > 1, "the event carries a base64 value (the key): " + json);
        return values;
    }

    @Test
    void messageTheRaCannotDecryptIsAFailureCertRep() {
        TestDevice device = new TestDevice("misdirected-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        byte[] csr = device.csr(device.open(assignment.sealedChallenge()));

        ScepResponse reply = device.pkcsReq(scep, world.issuing.certificate(), ra, csr);

        assertFailure(reply, FailInfo.badMessageCheck);
        assertEquals(0, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void singleDesAndMd5AreBadAlgUnlessTheCaIsListed() {
        TestDevice device = new TestDevice("legacy-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        byte[] csr = device.csr(device.open(assignment.sealedChallenge()));
        for (io.stratus.crypto.scep.ScepCipherSuite suite : List.of(io.stratus.crypto.scep.ScepCipherSuite.DES_SHA256,
                io.stratus.crypto.scep.ScepCipherSuite.AES256_MD5)) {
            byte[] nonce = io.stratus.crypto.scep.ScepClientMessages.newNonce();
            byte[] message = io.stratus.crypto.scep.ScepClientMessages.pkcsReq(csr, device.signer(),
                    device.keys.getPrivate(), ra, device.transactionId, nonce, suite);
            HttpResponse<byte[]> response = scep.postPkiOperation(message);
            assertEquals(200, response.statusCode());
            ScepResponse reply = io.stratus.crypto.scep.ScepClientMessages.decodeResponse(response.body(),
                    device.signer(), device.keys.getPrivate(), nonce, List.of(ra));
            assertFailure(reply, FailInfo.badAlg);
        }
        assertEquals(0, world.ca.requestsFor(device.transactionId));
    }

    /** A CA listed in stratus.enrollment.legacy-algorithms-for (test profile). */
    private static final String LEGACY_ALGORITHMS_CA = "ca-legacy-algorithms";
    private static Issuer legacyCa;

    @Test
    void tripleDesAndSha1AreBadAlgUnlessTheCaIsListed() {
        for (io.stratus.crypto.scep.ScepCipherSuite suite : List.of(
                io.stratus.crypto.scep.ScepCipherSuite.TRIPLE_DES_SHA1, io.stratus.crypto.scep.ScepCipherSuite.AES128_SHA1)) {
            TestDevice device = new TestDevice("older-" + shortId());
            Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
            assertFailure(pkcsReqWith(scep, device, device.csr(device.open(assignment.sealedChallenge())), suite),
                    FailInfo.badAlg);
            assertEquals(0, world.ca.requestsFor(device.transactionId));
        }

        synchronized (ScepEnrollmentTest.class) {
            if (legacyCa == null) {
                legacyCa = world.ca.createIssuing("Legacy Algorithms CA", true, LEGACY_ALGORITHMS_CA);
            }
        }
        ScepHttp legacy = world.scep(base(), legacyCa.id());
        X509Certificate legacyRa = TestWorld.ra(TestWorld.awaitCaCertificates(legacy));
        List<String> caps = List.of(new String(legacy.get("GetCACaps").body(), StandardCharsets.UTF_8).split("\n"));
        assertTrue(caps.contains("DES3") && caps.contains("SHA-1"), "the listed CA advertises them: " + caps);
        TestDevice device = new TestDevice("older-ok-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, legacyCa.id(), device);
        byte[] csr = device.csr(device.open(assignment.sealedChallenge()));
        ScepResponse reply = pkcsReqWith(legacy, legacyRa, device, csr,
                io.stratus.crypto.scep.ScepCipherSuite.TRIPLE_DES_SHA1);
        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
    }

    private ScepResponse pkcsReqWith(ScepHttp http, TestDevice device, byte[] csr,
            io.stratus.crypto.scep.ScepCipherSuite suite) {
        return pkcsReqWith(http, ra, device, csr, suite);
    }

    private static ScepResponse pkcsReqWith(ScepHttp http, X509Certificate recipientRa, TestDevice device, byte[] csr,
            io.stratus.crypto.scep.ScepCipherSuite suite) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.pkcsReq(csr, device.signer(), device.keys.getPrivate(), recipientRa,
                device.transactionId, nonce, suite);
        HttpResponse<byte[]> response = http.postPkiOperation(message);
        assertEquals(200, response.statusCode());
        return ScepClientMessages.decodeResponse(response.body(), device.signer(), device.keys.getPrivate(), nonce,
                List.of(recipientRa));
    }

    @Test
    void certPollForAnUnknownTransactionIsBadCertId() {
        TestDevice stranger = new TestDevice("stranger-" + shortId());

        assertFailure(stranger.certPoll(scep, ra, world.issuing.certificate()), FailInfo.badCertId);
    }

    @Test
    void pausedCaRefusesEnrollment() {
        Issuer paused = world.ca.createIssuing("Paused CA " + shortId());
        ScepHttp pausedScep = world.scep(base(), paused.id());
        X509Certificate pausedRa = TestWorld.ra(TestWorld.awaitCaCertificates(pausedScep));
        TestDevice device = new TestDevice("paused-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, paused.id(), device);
        world.ca.changeStatus(paused, AuthorityStatus.PAUSED);
        Await.until("the CA to be paused", () -> "PAUSED".equals(
                Database.single("select status from authority where id = ?", paused.id())));

        ScepResponse reply = device.pkcsReq(pausedScep, pausedRa, device.csr(device.open(assignment.sealedChallenge())));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(device.transactionId));
    }

    @Test
    void getCaCertIs503UntilTheRaCertificateIsIssued() {
        Issuer unanswered = world.ca.createIssuing("Unanswered CA " + shortId(), false);
        Await.until("the CA and its RA key to be stored", () -> Database.count(
                "select count(*) from ra_credential where authority_id = ?", unanswered.id()) == 1);

        given().queryParam("operation", "GetCACert")
                .when().get("/scep/{tenant}/{ca}", world.tenant, unanswered.id())
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("status", equalTo(503));
    }

    @Test
    void aTransactionIdTooLongToStoreIs400ProblemJsonNot500() {
        TestDevice device = new TestDevice("long-tx-" + shortId());
        Assignment assignment = TestProfiles.assign(world.tenant, world.issuing.id(), device);
        // was HTTP 500 with a stack trace: the id did not fit the 128-character column
        var reply = device.postPkcsReq(scep, ra, device.csr(device.open(assignment.sealedChallenge())), "t".repeat(129));
        assertEquals(400, reply.statusCode(), new String(reply.body(), StandardCharsets.UTF_8));
        assertTrue(reply.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        assertTrue(new String(reply.body(), StandardCharsets.UTF_8).contains("transactionID"));
        assertEquals(0, world.ca.requestsFor("t".repeat(129)));
    }

    @Test
    void garbageBodyIs400ProblemJson() {
        given().contentType("application/x-pki-message").body("this is not CMS".getBytes(StandardCharsets.UTF_8))
                .queryParam("operation", "PKIOperation")
                .when().post("/scep/{tenant}/{ca}", world.tenant, world.issuing.id())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("pkiMessage"));
    }

    @Test
    void oversizedBodyIs413() {
        given().contentType("application/x-pki-message").body(new byte[65537])
                .queryParam("operation", "PKIOperation")
                .when().post("/scep/{tenant}/{ca}/pkiclient.exe", world.tenant, world.issuing.id())
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void unknownCaIs404() {
        for (String operation : List.of("GetCACaps", "GetCACert")) {
            given().queryParam("operation", operation)
                    .when().get("/scep/{tenant}/{ca}", world.tenant, "no-such-ca")
                    .then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().contentType("application/x-pki-message").body(new byte[] {0x30, 0x00})
                .queryParam("operation", "PKIOperation")
                .when().post("/scep/{tenant}/{ca}", world.tenant, "no-such-ca")
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("operation", "GetCACaps")
                .when().get("/scep/{tenant}/{ca}", "other-tenant", world.issuing.id())
                .then().statusCode(404);
        given().queryParam("operation", "GetCACaps")
                .when().get("/scep/{tenant}/{ca}", world.tenant, world.ca.rootId)
                .then().statusCode(404);
    }

    @Test
    void unknownOperationIs400() {
        given().queryParam("operation", "GetCAChain")
                .when().get("/scep/{tenant}/{ca}", world.tenant, world.issuing.id())
                .then().statusCode(400)
                .contentType("application/problem+json");
        // known since CA rollover: without an announced renewal it is 404 (CaRolloverTest covers the rest)
        given().queryParam("operation", "GetNextCACert")
                .when().get("/scep/{tenant}/{ca}", world.tenant, world.issuing.id())
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/scep/{tenant}/{ca}", world.tenant, world.issuing.id())
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static void assertFailure(ScepResponse reply, FailInfo expected) {
        assertEquals(PkiStatus.FAILURE, reply.status());
        assertEquals(expected, reply.failInfo());
        assertTrue(reply.certificates().isEmpty());
    }

    private void verifyWithOpenSsl(Path dir, X509Certificate leaf) throws Exception {
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path issuingFile = Files.writeString(dir.resolve("issuing.pem"), Pem.encode(world.issuing.certificate()));
        Path leafFile = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(leaf));
        OpenSsl.verifyChain(rootFile, issuingFile, leafFile);
    }

    private static String shortId() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
