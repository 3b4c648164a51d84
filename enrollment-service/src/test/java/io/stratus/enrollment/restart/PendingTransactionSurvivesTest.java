package io.stratus.enrollment.restart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
import io.stratus.enrollment.service.IssuanceWaiters;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Restart safety, the part a test inside one application can show honestly. A restart loses only what is in
 * memory: the HTTP request waiting for the CA (IssuanceWaiters). This test reaches that state without a
 * restart: the PKCSReq is answered PENDING, after which no request waits in memory and the transaction exists
 * only as its PostgreSQL row. The CA's CertificateIssued then arrives with nobody waiting; it is stored from
 * the event alone, CertPoll and the same PKCSReq again (same transactionID) return that one certificate, and
 * the CA saw exactly one CertificateRequested. It does NOT restart the process (a Quarkus profile restart
 * breaks the libs' class loading in this module's tests) and does not kill it between the database write
 * and the Kafka publish.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class PendingTransactionSurvivesTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    IssuanceWaiters waiters;

    @Test
    void aPendingTransactionCompletesFromTheDatabaseAndIsIssuedOnce(@TempDir Path dir) throws Exception {
        TestWorld world = TestWorld.get();
        ScepHttp scep = world.scep(root.toString().replaceAll("/$", ""), world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = new TestDevice("survivor-" + UUID.randomUUID().toString().substring(0, 8));
        world.ca.silence(device.id);
        byte[] csr = device.csr(device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device)
                .sealedChallenge()));

        assertEquals(PkiStatus.PENDING, device.pkcsReq(scep, ra, csr).status());
        assertEquals(PkiStatus.PENDING, device.pkcsReq(scep, ra, csr).status(), "the same PKCSReq again");
        assertEquals(0, waiters.size(), "no request waits in memory: only the database row is left");
        assertEquals("PENDING", Database.single("select status from enrollment where transaction_id = ?",
                device.transactionId));
        assertEquals(1, world.ca.requestsFor(device.transactionId), "one CertificateRequested, held by the CA");

        world.ca.release(device.transactionId);
        ScepResponse polled = Await.value("CertPoll to answer SUCCESS", () -> {
            ScepResponse reply = device.certPoll(scep, ra, world.issuing.certificate());
            assertNotEquals(PkiStatus.FAILURE, reply.status(), "no FAILURE while pending");
            return reply.status() == PkiStatus.SUCCESS ? reply : null;
        });
        X509Certificate certificate = polled.certificates().get(0);
        assertEquals(device.keys.getPublic(), certificate.getPublicKey());

        ScepResponse repeated = device.pkcsReq(scep, ra, csr);
        assertEquals(PkiStatus.SUCCESS, repeated.status(), () -> "failInfo " + repeated.failInfo());
        assertArrayEquals(Pem.der(certificate), Pem.der(repeated.certificates().get(0)), "the same certificate");
        assertEquals(1, world.ca.requestsFor(device.transactionId), "never a second CertificateRequested");
        assertEquals(1L, Database.count("select count(*) from issued_certificate where transaction_id = ?",
                device.transactionId));

        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path issuing = Files.writeString(dir.resolve("issuing.pem"), Pem.encode(world.issuing.certificate()));
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(certificate));
        OpenSsl.verifyChain(rootFile, issuing, leaf);
    }
}
