package io.stratus.enrollment.restart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * Issue 4: the CertificateRequested published after the enrollment row was committed is lost (the process
 * died, or the publish failed, between the two). The test CA holds the request and then discards it
 * unanswered, so the CA never acts on it; the row is PENDING as the service left it. Questions within
 * {@code stratus.enrollment.re-relay-after} (30s) publish nothing; once the last relay is older (the row's
 * {@code relayed_at} is moved back an hour instead of waiting), the next question publishes the request again
 * from the stored key, the CA issues once, and the device gets its certificate. Requests of one device (or
 * RA) share a Kafka key, hence a partition: when the CA has seen the second request it has seen anything
 * published before it, so "exactly two" also proves the questions inside the window published nothing.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class LostRelayIsRepublishedTest {

    private static final String MOVE_RELAY_BACK = "update enrollment set relayed_at = relayed_at - interval '1 hour'"
            + " where transaction_id = ?";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aCertPollAfterTheWaitRelaysTheLostRequestAgain(@TempDir Path dir) throws Exception {
        TestWorld world = TestWorld.get();
        ScepHttp scep = scep(world, world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = pendingWithLostRequest(world, scep, ra, "lost-poll");
        byte[] csr = device.csr(null);

        Object relayedAt = relayedAt(device);
        assertEquals(PkiStatus.PENDING, device.certPoll(scep, ra, world.issuing.certificate()).status());
        assertEquals(PkiStatus.PENDING, device.pkcsReq(scep, ra, csr).status(), "a repeated PKCSReq in the window");
        assertEquals(relayedAt, relayedAt(device), "inside the window nothing is relayed again");

        assertEquals(1, Database.update(MOVE_RELAY_BACK, device.transactionId));
        assertEquals(PkiStatus.PENDING, device.certPoll(scep, ra, world.issuing.certificate()).status(),
                "the poll that relays again still answers from the PENDING record");
        X509Certificate certificate = awaitIssuedByPolling(world, scep, ra, device);
        assertEquals(device.keys.getPublic(), certificate.getPublicKey());

        assertEquals(2, world.ca.requestsFor(device.transactionId), "the lost request and exactly one relay again");
        assertEquals(1, world.ca.issuedFor(device.transactionId), "the CA signed once");
        List<Instant> requestedAt = world.ca.received().stream()
                .filter(r -> r.transactionId().equals(device.transactionId))
                .map(CertificateRequestedEvent::requestedAt).toList();
        assertNotNull(requestedAt.get(0), "the CA is told when the device's request was accepted");
        assertEquals(requestedAt.get(0), requestedAt.get(1), "a relay repeated later keeps that time");
        Await.until("the key to relay to be dropped with the outcome", () -> Database.single(
                "select public_key_der from enrollment where transaction_id = ?", device.transactionId) == null);
        assertEquals(1L, Database.count("select count(*) from issued_certificate where transaction_id = ?",
                device.transactionId));
        ScepResponse repeated = device.certPoll(scep, ra, world.issuing.certificate());
        assertArrayEquals(Pem.der(certificate), Pem.der(repeated.certificates().get(0)), "the same certificate");

        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path issuing = Files.writeString(dir.resolve("issuing.pem"), Pem.encode(world.issuing.certificate()));
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(certificate));
        OpenSsl.verifyChain(rootFile, issuing, leaf);
    }

    @Test
    void aRepeatedPkcsReqAfterTheWaitRelaysTheLostRequestAgain() {
        TestWorld world = TestWorld.get();
        ScepHttp scep = scep(world, world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = pendingWithLostRequest(world, scep, ra, "lost-repeat");
        byte[] csr = device.csr(null);

        assertEquals(1, Database.update(MOVE_RELAY_BACK, device.transactionId));
        ScepResponse repeated = device.pkcsReq(scep, ra, csr);
        assertNotEquals(PkiStatus.FAILURE, repeated.status(), () -> "failInfo " + repeated.failInfo());
        X509Certificate certificate = awaitIssuedByPolling(world, scep, ra, device);
        assertEquals(device.keys.getPublic(), certificate.getPublicKey());
        assertEquals(2, world.ca.requestsFor(device.transactionId));
        assertEquals(1, world.ca.issuedFor(device.transactionId));
    }

    @Test
    void aTransactionOpenedBeforeV7IsRelayedAgainFromItsCsr() {
        TestWorld world = TestWorld.get();
        ScepHttp scep = scep(world, world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = pendingWithLostRequest(world, scep, ra, "lost-legacy");
        // as V6 stored it: the CSR, no key
        assertEquals(1, Database.update("update enrollment set csr_der = ?, public_key_der = null,"
                + " relayed_at = relayed_at - interval '1 hour' where transaction_id = ?", device.csr(null),
                device.transactionId));

        X509Certificate certificate = awaitIssuedByPolling(world, scep, ra, device);
        assertEquals(device.keys.getPublic(), certificate.getPublicKey());
        assertEquals(1, world.ca.issuedFor(device.transactionId));
        Await.until("the CSR to be dropped with the outcome", () -> Database.single(
                "select csr_der from enrollment where transaction_id = ?", device.transactionId) == null);
    }

    /**
     * A transaction opened before V10 knew nothing of when its assignment was announced: V11 gives it the time its
     * challenge was recorded, and the request relayed again carries that time to the CA.
     */
    @Test
    void aTransactionOpenedBeforeV10IsRelayedAgainWithItsChallengesTime() throws Exception {
        TestWorld world = TestWorld.get();
        ScepHttp scep = scep(world, world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = pendingWithLostRequest(world, scep, ra, "lost-before-v10");
        String challengeId = (String) Database.single("select challenge_id from enrollment where transaction_id = ?",
                device.transactionId);
        // as V9 stored them: no announcement time anywhere
        assertEquals(1, Database.update("update challenge set assigned_at = null where id = ?", challengeId));
        assertEquals(1, Database.update("update assignment set assigned_at = null where device_id = ?", device.id));
        assertEquals(1, Database.update("update enrollment set assigned_at = null,"
                + " relayed_at = relayed_at - interval '1 hour' where transaction_id = ?", device.transactionId));

        Database.execute(new String(getClass().getResourceAsStream(
                "/db/migration/V11__announced_at_of_earlier_rows.sql").readAllBytes(), StandardCharsets.UTF_8));

        Object recorded = Database.single("select created_at from challenge where id = ?", challengeId);
        assertEquals(1, Database.count("select count(*) from assignment where device_id = ? and assigned_at = ?",
                device.id, recorded));
        awaitIssuedByPolling(world, scep, ra, device);
        List<CertificateRequestedEvent> requests = world.ca.received().stream()
                .filter(r -> device.transactionId.equals(r.transactionId())).toList();
        assertTrue(requests.size() >= 2, "the lost request and the one relayed again: " + requests);
        CertificateRequestedEvent again = requests.get(requests.size() - 1);
        assertEquals(((java.sql.Timestamp) recorded).toInstant(), again.assignedAt());
    }

    @Test
    void aPendingRaCertificateIsRequestedAgainWhenGetCaCertIsAsked() throws Exception {
        TestWorld world = TestWorld.get();
        String caId = "ca-" + UUID.randomUUID();
        world.ca.silence(caId); // RA requests carry the CA id as device id
        Issuer issuer = world.ca.createIssuing("Lost RA Request CA", true, caId);
        String raTransaction = Await.value("the RA request", () -> world.ca.raTransactions(caId).stream().findFirst()
                .orElse(null));
        world.ca.discard(raTransaction);
        world.ca.unsilence(caId);
        ScepHttp scep = scep(world, caId);

        assertEquals(503, scep.get("GetCACert").statusCode(), "no RA certificate yet");
        assertEquals(1, Database.update("update ra_credential set relayed_at = relayed_at - interval '1 hour'"
                + " where authority_id = ?", caId));
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        ra.verify(issuer.keys().getPublic());

        assertEquals(2, world.ca.requestsFor(raTransaction), "the lost RA request and exactly one request again");
        assertEquals(1, world.ca.issuedFor(raTransaction));
    }

    /** A device whose PKCSReq is recorded PENDING while its CertificateRequested never reaches the CA. */
    private static TestDevice pendingWithLostRequest(TestWorld world, ScepHttp scep, X509Certificate ra,
            String name) {
        TestDevice device = new TestDevice(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        world.ca.silence(device.id);
        byte[] csr = device.csr(device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device)
                .sealedChallenge()));
        assertEquals(PkiStatus.PENDING, device.pkcsReq(scep, ra, csr).status());
        world.ca.discard(device.transactionId);
        world.ca.unsilence(device.id);
        assertEquals("PENDING", Database.single("select status from enrollment where transaction_id = ?",
                device.transactionId));
        assertArrayEquals(device.keys.getPublic().getEncoded(), (byte[]) Database.single(
                "select public_key_der from enrollment where transaction_id = ?", device.transactionId),
                "the key to certify is kept with the record");
        assertNull(Database.single("select csr_der from enrollment where transaction_id = ?", device.transactionId),
                "not the CSR: it carries the challenge password");
        assertNotNull(relayedAt(device));
        return device;
    }

    private static X509Certificate awaitIssuedByPolling(TestWorld world, ScepHttp scep, X509Certificate ra,
            TestDevice device) {
        ScepResponse polled = Await.value("CertPoll to answer SUCCESS", () -> {
            ScepResponse reply = device.certPoll(scep, ra, world.issuing.certificate());
            assertNotEquals(PkiStatus.FAILURE, reply.status(), "no FAILURE while pending");
            return reply.status() == PkiStatus.SUCCESS ? reply : null;
        });
        return polled.certificates().get(0);
    }

    private static Object relayedAt(TestDevice device) {
        return Database.single("select relayed_at from enrollment where transaction_id = ?", device.transactionId);
    }

    private ScepHttp scep(TestWorld world, String authorityId) {
        return world.scep(root.toString().replaceAll("/$", ""), authorityId);
    }
}
