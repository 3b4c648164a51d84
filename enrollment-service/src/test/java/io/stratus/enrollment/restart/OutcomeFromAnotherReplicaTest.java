package io.stratus.enrollment.restart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.service.EnrollmentStatus;
import io.stratus.enrollment.service.EnrollmentStore;
import io.stratus.enrollment.service.IssuanceWaiters;
import io.stratus.enrollment.service.TransactionKey;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Two replicas share the consumer group of the CA's answers, so the answer to a PKCSReq waiting on this replica
 * may be consumed and stored by the other one. The other replica is played by its store alone: the outcome is
 * written through {@link EnrollmentStore} as its certificates consumer writes it, without touching this
 * replica's waiters. The waiting PKCSReq must get SUCCESS with that certificate while it still waits: its wait
 * must not run out (after the reply timeout it would be answered from the database, PENDING had the other
 * replica not stored the outcome yet).
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class OutcomeFromAnotherReplicaTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    IssuanceWaiters waiters;

    @Inject
    EnrollmentStore enrollments;

    @Test
    void aRequestWaitingHereIsAnsweredWithTheOutcomeAnotherReplicaStored() throws Exception {
        TestWorld world = TestWorld.get();
        ScepHttp scep = world.scep(root.toString().replaceAll("/$", ""), world.issuing.id());
        X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        TestDevice device = new TestDevice("replica-" + UUID.randomUUID().toString().substring(0, 8));
        world.ca.silence(device.id);
        byte[] csr = device.csr(device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device)
                .sealedChallenge()));

        long expiredBefore = waiters.expiredWaits();
        CompletableFuture<ScepResponse> reply = CompletableFuture.supplyAsync(() -> device.pkcsReq(scep, ra, csr));
        Await.value("the CA to hold the request", () -> world.ca.requestsFor(device.transactionId) == 1 ? true : null);
        Await.value("the request to wait here", () -> waiters.isWaiting(new TransactionKey(world.issuing.id(), device.transactionId)) ? true : null);

        X509Certificate issued = world.ca.signUnannounced(world.issuing, device.keys.getPublic(), device.subject());
        var stored = enrollments.completeIssued(world.tenant, new TransactionKey(world.issuing.id(), device.transactionId),
                new EnrollmentStore.HandedOut(Serials.hex(issued.getSerialNumber()),
                        SubjectNames.toString(issued.getSubjectX500Principal()), Pem.der(issued),
                        issued.getNotAfter().toInstant()))
                .await().indefinitely();
        assertEquals(EnrollmentStatus.ISSUED, stored.status());

        ScepResponse answer = reply.get(60, TimeUnit.SECONDS);
        assertEquals(PkiStatus.SUCCESS, answer.status(), "answered from the other replica's outcome, not PENDING");
        assertArrayEquals(Pem.der(issued), Pem.der(answer.certificates().get(0)), "the certificate stored there");
        assertEquals(expiredBefore, waiters.expiredWaits(), "answered while waiting, not after the wait ran out");
        assertEquals(0, waiters.size(), "nothing left waiting");
        world.ca.discard(device.transactionId);
    }
}
