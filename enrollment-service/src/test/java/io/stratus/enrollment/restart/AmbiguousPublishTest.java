package io.stratus.enrollment.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.AmbiguousPublishes;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.StratusTestResource;

/**
 * A CertificateRequested whose publish fails ambiguously (sent, but the acknowledgement is lost): the request may
 * have reached the CA. The transaction stays PENDING with its challenge used, so that no second transaction can
 * obtain a second certificate with the same challenge; the device's next CertPoll relays it again at once, and the
 * CA signs once (ca-service answers a repeated transaction id with the same certificate).
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class AmbiguousPublishTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aPublishThatMayHaveFailedKeepsTheChallengeAndIsRelayedAgainAtTheNextPoll() {
        TestWorld world = TestWorld.get();
        ScepHttp scep = world.scep(root.toString().replaceAll("/$", ""), world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = new TestDevice(AmbiguousPublishes.DEVICE_PREFIX + UUID.randomUUID().toString().substring(0, 8));
        world.ca.silence(device.id);
        String challenge = device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device).sealedChallenge());

        ScepResponse first = device.pkcsReq(scep, ra, device.csr(challenge));
        assertEquals(PkiStatus.PENDING, first.status(), () -> "failInfo " + first.failInfo());
        assertEquals("PENDING", Database.single("select status from enrollment where transaction_id = ?",
                device.transactionId));
        // the request did reach the CA; say it was lost there, so that only the relay again can complete it
        world.ca.discard(device.transactionId);
        world.ca.unsilence(device.id);

        // another transaction with the same challenge gets nothing: the challenge stayed used
        TestDevice second = new TestDevice(device.id, device.keys, "retry-" + UUID.randomUUID());
        ScepResponse again = second.pkcsReq(scep, ra, second.csr(challenge));
        assertEquals(PkiStatus.FAILURE, again.status());
        assertEquals(FailInfo.badRequest, again.failInfo());

        // the next CertPoll relays at once (no re-relay-after wait) and gets the certificate
        ScepResponse polled = Await.value("CertPoll to answer SUCCESS", () -> {
            ScepResponse reply = device.certPoll(scep, ra, world.issuing.certificate());
            assertNotEquals(PkiStatus.FAILURE, reply.status(), "no FAILURE while pending");
            return reply.status() == PkiStatus.SUCCESS ? reply : null;
        });
        assertEquals(device.keys.getPublic(), polled.certificates().get(0).getPublicKey());
        assertEquals(2, world.ca.requestsFor(device.transactionId), "the ambiguous publish and one relay again");
        assertEquals(1, world.ca.issuedFor(device.transactionId));
        assertEquals(0, world.ca.requestsFor(second.transactionId), "the second transaction never reached the CA");
    }
}
