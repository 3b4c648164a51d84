package io.stratus.enrollment.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.ScepHttp;
import io.stratus.enrollment.support.TestDevice;
import io.stratus.enrollment.support.TestProfiles;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * RenewalReq over real HTTP: signed with the current certificate (issued by this CA, handed out by this
 * service, valid, not revoked), a new key, the same subject, the original enrollment's policy; only while the
 * assignment is active, inside the renewal window, once per certificate.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class ScepRenewalTest {

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    ScepHttp scep;
    X509Certificate ra;

    @BeforeEach
    void world() {
        world = TestWorld.get();
        String url = root.toString();
        scep = world.scep(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, world.issuing.id());
        ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
    }

    /** A device enrolled with a one-time challenge: its keys, certificate and assignment. */
    private record Enrolled(TestDevice device, X509Certificate certificate, TestProfiles.Assignment assignment) {
    }

    /** Enrolls a device whose certificate is inside its renewal window (90% of its validity passed). */
    private Enrolled enroll(String prefix) {
        return enroll(prefix, true);
    }

    private Enrolled enroll(String prefix, boolean insideRenewalWindow) {
        return enroll(prefix, insideRenewalWindow,
                device -> TestProfiles.assign(world.tenant, world.issuing.id(), device));
    }

    private Enrolled enroll(String prefix, boolean insideRenewalWindow,
            Function<TestDevice, TestProfiles.Assignment> assign) {
        TestDevice device = new TestDevice(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (insideRenewalWindow) {
            world.ca.issueAged(device.id);
        }
        TestProfiles.Assignment assignment = assign.apply(device);
        String challenge = device.open(assignment.sealedChallenge());
        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(challenge));
        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        return new Enrolled(device, reply.certificates().get(0), assignment);
    }

    private ScepResponse renew(Enrolled enrolled, TestDevice next) {
        return next.renewalReq(scep, ra, enrolled.certificate(), enrolled.device().keys.getPrivate(), next.csr(null));
    }

    @Test
    void aCertificateOutsideItsRenewalWindowDoesNotRenew() {
        Enrolled fresh = enroll("fresh", false);
        TestDevice next = new TestDevice(fresh.device().name);

        ScepResponse reply = renew(fresh, next);

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(next.transactionId), "nothing relayed to the CA");
        assertEquals(0, Database.count("select count(*) from enrollment where transaction_id = ?",
                next.transactionId));
    }

    @Test
    void afterItsAssignmentEndedACertificateDoesNotRenew() {
        Enrolled enrolled = enroll("unassigned");
        TestProfiles.unassign(enrolled.assignment());
        Await.until("the assignment to end", () -> Database.count("select count(*) from assignment"
                + " where assignment_id = ? and ended_at is not null", enrolled.assignment().event().assignmentId()) == 1);
        TestDevice next = new TestDevice(enrolled.device().name);

        ScepResponse reply = renew(enrolled, next);

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(next.transactionId), "nothing relayed to the CA");

        // assigned again (profile-service announces the same assignment anew): it renews
        TestProfiles.publish(new TestProfiles.Assignment(enrolled.assignment().event()));
        Await.until("the assignment to be active again", () -> Database.count("select count(*) from assignment"
                + " where assignment_id = ? and ended_at is null", enrolled.assignment().event().assignmentId()) == 1);
        TestDevice later = new TestDevice(enrolled.device().name);
        ScepResponse again = renew(enrolled, later);
        assertEquals(PkiStatus.SUCCESS, again.status(), () -> "failInfo " + again.failInfo());
    }

    /**
     * Two devices of a group share its assignment. One leaves the group: it no longer renews, the other still does,
     * and the assignment announced to a third device does not make it active again for the one that left. Before,
     * the assignment ended for the whole group and came back for everyone with the next announcement.
     */
    @Test
    void oneDeviceLeavingTheGroupEndsRenewalForThatDeviceOnly() {
        Enrolled leaving = enroll("leaving");
        Enrolled staying = enroll("staying", true, device -> TestProfiles.assignAlso(leaving.assignment(), device));
        TestProfiles.unassign(leaving.assignment());
        String assignmentId = leaving.assignment().event().assignmentId();
        Await.until("the assignment to end for the device that left", () -> Database.count("select count(*) from"
                + " assignment where assignment_id = ? and device_id = ? and ended_at is not null", assignmentId,
                leaving.device().id) == 1);
        TestProfiles.assignAlso(leaving.assignment(), new TestDevice("joining-" + UUID.randomUUID().toString()
                .substring(0, 8)));

        ScepResponse stays = renew(staying, new TestDevice(staying.device().name));
        assertEquals(PkiStatus.SUCCESS, stays.status(), () -> "failInfo " + stays.failInfo());
        TestDevice next = new TestDevice(leaving.device().name);
        assertFailure(renew(leaving, next), FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(next.transactionId), "nothing relayed to the CA");
    }

    @Test
    void aCertificateRenewsOnceEvenWhenRenewalsRaceWithNewKeys() throws Exception {
        Enrolled enrolled = enroll("race");
        List<TestDevice> racers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(new TestDevice(enrolled.device().name));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers.size());
        List<java.util.concurrent.Future<ScepResponse>> replies = new java.util.ArrayList<>();
        try {
            for (TestDevice racer : racers) {
                replies.add(pool.submit(() -> renew(enrolled, racer)));
            }
            int succeeded = 0;
            for (java.util.concurrent.Future<ScepResponse> reply : replies) {
                ScepResponse answer = reply.get();
                if (answer.status() == PkiStatus.SUCCESS) {
                    succeeded++;
                } else {
                    assertFailure(answer, FailInfo.badRequest);
                }
            }
            assertEquals(1, succeeded, "one certificate per renewed certificate");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, racers.stream().mapToLong(r -> world.ca.requestsFor(r.transactionId)).sum(),
                "the CA saw one request");

        TestDevice late = new TestDevice(enrolled.device().name);
        assertFailure(renew(enrolled, late), FailInfo.badRequest);
    }

    @Test
    void aRenewalTheCaRefusedLeavesTheCertificateFreeToRenew() {
        Enrolled enrolled = enroll("refused");
        world.ca.refuse(enrolled.device().id);
        TestDevice refused = new TestDevice(enrolled.device().name);
        assertFailure(renew(enrolled, refused), FailInfo.badRequest);
        assertEquals(1, world.ca.requestsFor(refused.transactionId), "the CA refused it");

        world.ca.accept(enrolled.device().id);
        TestDevice next = new TestDevice(enrolled.device().name);
        ScepResponse reply = renew(enrolled, next);
        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
    }

    /**
     * Every request tells the CA when the assignment it relies on was announced (the ProfileAssigned's time): the
     * first enrollment that of its challenge, a renewal the device's latest announcement. The CA revokes by it when
     * the assignment ended at or after that time, even for a request accepted before enrollment-service heard of
     * the end.
     */
    @Test
    void requestsCarryWhenTheirAssignmentWasAnnounced() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Enrolled enrolled = enroll("announced");
        Instant after = Instant.now();
        CertificateRequestedEvent first = requestOf(enrolled.device().transactionId);
        assertNotNull(first.assignedAt());
        assertTrue(!first.assignedAt().isBefore(before) && !first.assignedAt().isAfter(after), first.toString());

        TestProfiles.publish(new TestProfiles.Assignment(enrolled.assignment().event())); // announced again
        Await.until("the new announcement to be recorded", () -> Database.count("select count(*) from assignment"
                + " where assignment_id = ? and device_id = ? and assigned_at > ?",
                enrolled.assignment().event().assignmentId(), enrolled.device().id,
                OffsetDateTime.ofInstant(first.assignedAt(), ZoneOffset.UTC)) == 1);
        TestDevice next = new TestDevice(enrolled.device().name);
        ScepResponse renewed = renew(enrolled, next);
        assertEquals(PkiStatus.SUCCESS, renewed.status(), () -> "failInfo " + renewed.failInfo());
        CertificateRequestedEvent renewal = requestOf(next.transactionId);
        assertTrue(renewal.assignedAt().isAfter(first.assignedAt()), renewal + " after " + first);
        assertTrue(renewal.requestedAt().isAfter(renewal.assignedAt()));
    }

    private CertificateRequestedEvent requestOf(String transactionId) {
        return world.ca.received().stream().filter(r -> transactionId.equals(r.transactionId())).findFirst()
                .orElseThrow(() -> new AssertionError("no request for " + transactionId));
    }

    @Test
    void renewalWithANewKeyIssuesUnderTheOriginalPolicyAndCanRenewAgain(@TempDir Path dir) throws Exception {
        Enrolled first = enroll("renew");
        TestDevice next = new TestDevice(first.device().name);

        ScepResponse reply = next.renewalReq(scep, ra, first.certificate(), first.device().keys.getPrivate(),
                next.csr(null));

        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        X509Certificate renewed = reply.certificates().get(0);
        assertEquals(next.keys.getPublic(), renewed.getPublicKey());
        assertNotEquals(first.certificate().getSerialNumber(), renewed.getSerialNumber());
        assertTrue(SubjectNames.same(SubjectNames.toString(first.certificate().getSubjectX500Principal()),
                SubjectNames.toString(renewed.getSubjectX500Principal())));
        verifyWithOpenSsl(dir, renewed);
        assertEquals("RENEWAL", Database.single("select kind from enrollment where transaction_id = ?",
                next.transactionId));
        assertEquals(Serials.hex(first.certificate().getSerialNumber()), Database.single(
                "select renewed_serial from enrollment where transaction_id = ?", next.transactionId));
        CertificateRequestedEvent relayed = world.ca.received().stream()
                .filter(r -> r.transactionId().equals(next.transactionId)).findFirst().orElseThrow();
        assertEquals(first.device().id, relayed.deviceId(), "relayed for the same device");
        assertEquals(TestProfiles.policyFor(first.device()), relayed.policy(), "under the original policy");
        assertEquals(Serials.hex(first.certificate().getSerialNumber()), relayed.renews(),
                "the CA is told which certificate the renewal replaces");

        // the renewed certificate renews in turn
        TestDevice third = new TestDevice(first.device().name);
        ScepResponse again = third.renewalReq(scep, ra, renewed, next.keys.getPrivate(), third.csr(null));
        assertEquals(PkiStatus.SUCCESS, again.status(), () -> "failInfo " + again.failInfo());
        assertEquals(third.keys.getPublic(), again.certificates().get(0).getPublicKey());
    }

    @Test
    void repeatedRenewalTransactionIsAnsweredFromItsRecord() {
        Enrolled first = enroll("renew-twice");
        TestDevice next = new TestDevice(first.device().name);
        byte[] csr = next.csr(null);
        ScepResponse one = next.renewalReq(scep, ra, first.certificate(), first.device().keys.getPrivate(), csr);
        ScepResponse two = next.renewalReq(scep, ra, first.certificate(), first.device().keys.getPrivate(), csr);

        assertEquals(PkiStatus.SUCCESS, one.status());
        assertEquals(PkiStatus.SUCCESS, two.status());
        assertArrayEquals(Pem.der(one.certificates().get(0)), Pem.der(two.certificates().get(0)));
        assertEquals(1, world.ca.requestsFor(next.transactionId));
    }

    @Test
    void renewalReusingTheOldKeyIsBadRequest() {
        Enrolled first = enroll("same-key");
        TestDevice sameKeys = first.device();

        // same key, hence the same SHA-256 transaction id as the enrollment: still refused, not answered from it
        ScepResponse reply = sameKeys.renewalReq(scep, ra, first.certificate(), sameKeys.keys.getPrivate(),
                sameKeys.csr(null));

        assertFailure(reply, FailInfo.badRequest);
    }

    @Test
    void renewalWithAnotherSubjectIsBadRequest() {
        Enrolled first = enroll("other-subject");
        TestDevice next = new TestDevice(first.device().name);

        ScepResponse reply = next.renewalReq(scep, ra, first.certificate(), first.device().keys.getPrivate(),
                next.csr("CN=someone-else,O=Stratus Test", null));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(next.transactionId));
    }

    @Test
    void renewalSignedWithASelfSignedCertificateIsBadCertId() {
        TestDevice device = new TestDevice("self-" + UUID.randomUUID().toString().substring(0, 8));
        TestDevice next = new TestDevice(device.name);

        ScepResponse reply = next.renewalReq(scep, ra, device.signer(), device.keys.getPrivate(), next.csr(null));

        assertFailure(reply, FailInfo.badCertId);
    }

    @Test
    void renewalSignedWithACertificateThisServiceDidNotHandOutIsBadCertId() {
        TestDevice device = new TestDevice("unknown-" + UUID.randomUUID().toString().substring(0, 8));
        X509Certificate unannounced = world.ca.signUnannounced(world.issuing, device.keys.getPublic(), device.subject());
        TestDevice next = new TestDevice(device.name);

        ScepResponse reply = next.renewalReq(scep, ra, unannounced, device.keys.getPrivate(), next.csr(null));

        assertFailure(reply, FailInfo.badCertId);
        assertEquals(0, world.ca.requestsFor(next.transactionId));
    }

    @Test
    void renewalSignedWithARevokedCertificateIsBadRequest() {
        Enrolled first = enroll("revoked");
        String serial = Serials.hex(first.certificate().getSerialNumber());
        // any hex form: lower case with colons
        world.ca.revoke(world.issuing, serial.toLowerCase().replaceAll("(..)(?!$)", "$1:"), first.device().id);
        Await.until("the revocation to be recorded", () -> Database.count("select count(*) from issued_certificate"
                + " where serial_number = ? and revoked_at is not null", serial) == 1);
        TestDevice next = new TestDevice(first.device().name);

        ScepResponse reply = next.renewalReq(scep, ra, first.certificate(), first.device().keys.getPrivate(),
                next.csr(null));

        assertFailure(reply, FailInfo.badRequest);
        assertEquals(0, world.ca.requestsFor(next.transactionId));
    }

    private static void assertFailure(ScepResponse reply, FailInfo expected) {
        assertEquals(PkiStatus.FAILURE, reply.status());
        assertEquals(expected, reply.failInfo());
        assertEquals(List.of(), reply.certificates());
    }

    private void verifyWithOpenSsl(Path dir, X509Certificate leaf) throws Exception {
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path issuingFile = Files.writeString(dir.resolve("issuing.pem"), Pem.encode(world.issuing.certificate()));
        Path leafFile = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(leaf));
        OpenSsl.verifyChain(rootFile, issuingFile, leafFile);
    }
}
