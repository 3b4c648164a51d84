package io.stratus.enrollment.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

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
 * service, valid, not revoked), a new key, the same subject, the original enrollment's policy.
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

    /** A device enrolled with a one-time challenge: its keys and certificate. */
    private record Enrolled(TestDevice device, X509Certificate certificate) {
    }

    private Enrolled enroll(String prefix) {
        TestDevice device = new TestDevice(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        String challenge = device.open(TestProfiles.assign(world.tenant, world.issuing.id(), device).sealedChallenge());
        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(challenge));
        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        return new Enrolled(device, reply.certificates().get(0));
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
