package io.stratus.enrollment.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.jscep.client.Client;
import org.jscep.client.verification.OptimisticCertificateVerifier;
import org.junit.jupiter.api.BeforeEach;
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
import io.stratus.events.AuthorityRenewedEvent.RenewalPhase;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.RequestPurpose;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * CA rollover driven by AuthorityRenewed on the real broker (the test plays ca-service with real keys):
 * GetNextCACert while a renewal is announced (checked with BouncyCastle and with jscep), GetCACert after
 * activation, the RA certificate replaced under a new CA key through the pipeline, renewal with a
 * certificate of the previous generation, and late events that change nothing.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class CaRolloverTest {

    private static final String NEXT_CA_CERT = "application/x-x509-next-ca-cert";

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    String base;

    @BeforeEach
    void world() {
        world = TestWorld.get();
        base = root.toString().replaceAll("/$", "");
    }

    private record Enrolled(TestDevice device, X509Certificate certificate) {
    }

    @Test
    void announcedThenActivatedWithANewKey(@TempDir Path dir) throws Exception {
        String name = "Rollover CA " + UUID.randomUUID().toString().substring(0, 8);
        Issuer g1 = world.ca.createIssuing(name);
        ScepHttp scep = world.scep(base, g1.id());
        X509Certificate ra1 = TestWorld.ra(TestWorld.awaitCaCertificates(scep));

        // no renewal announced: GetCACaps does not offer GetNextCACert, which answers 404 problem+json
        assertFalse(capabilities(scep).contains("GetNextCACert"));
        HttpResponse<byte[]> none = scep.get("GetNextCACert");
        assertEquals(404, none.statusCode());
        assertTrue(none.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        Enrolled first = enroll(scep, g1.id(), ra1, "gen1");

        // ANNOUNCED: the next certificate is served by GetNextCACert; GetCACert is unchanged
        Issuer g2 = world.ca.renewedCertificate(g1, true);
        world.ca.announce(g2, 2, true);
        Await.until("GetCACaps to offer GetNextCACert", () -> capabilities(scep).contains("GetNextCACert"));
        assertTrue(TestWorld.awaitCaCertificates(scep).contains(g1.certificate()));
        assertFalse(TestWorld.awaitCaCertificates(scep).contains(g2.certificate()));

        HttpResponse<byte[]> next = scep.get("GetNextCACert");
        assertEquals(200, next.statusCode());
        assertEquals(NEXT_CA_CERT, next.headers().firstValue("Content-Type").orElse(""));
        assertSame(List.of(g2.certificate(), ra1), signedByAndContaining(next.body(), ra1));

        Client jscep = new Client(new URL(base + "/scep/" + world.tenant + "/" + g1.id()),
                new OptimisticCertificateVerifier());
        assertTrue(jscep.getCaCapabilities().isRolloverSupported(), "jscep sees GetNextCACert in GetCACaps");
        List<X509Certificate> rollover = certificates(jscep.getRolloverCertificate());
        assertTrue(rollover.contains(g2.certificate()), "jscep's getRolloverCertificate returns the next CA: " + rollover);

        // ACTIVE with a new key: GetCACert serves the new CA; the old RA serves until its successor is issued
        world.ca.silence(g1.id()); // RA requests carry the CA id as device id: hold the new RA request
        world.ca.activate(g2, 2, true);
        List<X509Certificate> during = Await.value("GetCACert to serve generation 2", () -> {
            List<X509Certificate> certificates = TestWorld.awaitCaCertificates(scep);
            return certificates.contains(g2.certificate()) ? certificates : null;
        });
        assertEquals(ra1, TestWorld.ra(during), "the old RA serves until the new one is issued");
        assertFalse(capabilities(scep).contains("GetNextCACert"), "nothing announced any more");
        assertEquals(404, scep.get("GetNextCACert").statusCode());

        Enrolled second = enroll(scep, g1.id(), ra1, "during");
        second.certificate().verify(g2.keys().getPublic());
        verifyWithOpenSsl(dir, g2.certificate(), second.certificate(), "during");

        // a RenewalReq signed with the certificate of the previous CA generation is still "from this CA"
        TestDevice renewing = new TestDevice(first.device().name);
        ScepResponse renewed = renewing.renewalReq(scep, ra1, first.certificate(), first.device().keys.getPrivate(),
                renewing.csr(null));
        assertEquals(PkiStatus.SUCCESS, renewed.status(), () -> "failInfo " + renewed.failInfo());
        X509Certificate renewal = renewed.certificates().get(0);
        renewal.verify(g2.keys().getPublic());
        verifyWithOpenSsl(dir, g2.certificate(), renewal, "renewed");

        // the new RA certificate: requested with a new transaction id, then switched to
        CertificateRequestedEvent raRequest = Await.value("the RA request under the new key", () -> world.ca.received()
                .stream().filter(r -> r.transactionId().startsWith("ra-" + g1.id() + "-g2-")).findFirst().orElse(null));
        String raTransaction = raRequest.transactionId();
        assertEquals(RequestPurpose.RA, raRequest.purpose());
        world.ca.release(raTransaction);
        X509Certificate ra2 = Await.value("GetCACert to serve the new RA certificate", () -> {
            X509Certificate ra = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
            return ra.equals(ra1) ? null : ra;
        });
        ra2.verify(g2.keys().getPublic());
        assertFalse(ra2.getPublicKey().equals(ra1.getPublicKey()), "a new RA key pair");
        Enrolled third = enroll(scep, g1.id(), ra2, "after");
        verifyWithOpenSsl(dir, g2.certificate(), third.certificate(), "after");

        // late and repeated events change nothing: AuthorityCreated of generation 1, ANNOUNCED and ACTIVE of
        // generation 2 again; then ANNOUNCED of generation 3, which (same partition) is handled after them
        world.ca.republishCreated(g1, name);
        world.ca.publishRenewal(g2, 2, RenewalPhase.ANNOUNCED, true);
        world.ca.publishRenewal(g2, 2, RenewalPhase.ACTIVE, true);
        Issuer g3 = world.ca.renewedCertificate(g2, true);
        world.ca.announce(g3, 3, true);
        Await.until("generation 3 to be announced", () -> capabilities(scep).contains("GetNextCACert"));
        assertSame(List.of(g2.certificate(), ra2), TestWorld.awaitCaCertificates(scep));
        assertSame(List.of(g3.certificate(), ra2), signedByAndContaining(scep.get("GetNextCACert").body(), ra2));
        assertEquals(2, ((Number) Database.single("select generation from authority where id = ?", g1.id())).intValue());
        assertEquals(1, world.ca.requestsFor(raTransaction), "the RA certificate was requested once");

        // CANCELLED of generation 3 (ca-service's DELETE .../renewal) withdraws the announcement
        world.ca.publishRenewal(g3, 3, RenewalPhase.CANCELLED, true);
        Await.until("the announcement of generation 3 to be withdrawn", () -> !capabilities(scep).contains("GetNextCACert"));
        assertEquals(404, scep.get("GetNextCACert").statusCode());
        assertSame(List.of(g2.certificate(), ra2), TestWorld.awaitCaCertificates(scep));
        assertEquals(2, ((Number) Database.single("select generation from authority where id = ?", g1.id())).intValue());
    }

    @Test
    void activatedAtOnceWithTheSameKeyKeepsTheRa(@TempDir Path dir) throws Exception {
        Issuer g1 = world.ca.createIssuing("Same-key CA " + UUID.randomUUID().toString().substring(0, 8));
        ScepHttp scep = world.scep(base, g1.id());
        X509Certificate ra1 = TestWorld.ra(TestWorld.awaitCaCertificates(scep));
        Enrolled first = enroll(scep, g1.id(), ra1, "same-key");

        Issuer g2 = world.ca.renewedCertificate(g1, false);
        world.ca.activate(g2, 2, false);
        List<X509Certificate> after = Await.value("GetCACert to serve generation 2", () -> {
            List<X509Certificate> certificates = TestWorld.awaitCaCertificates(scep);
            return certificates.contains(g2.certificate()) ? certificates : null;
        });

        assertSame(List.of(g2.certificate(), ra1), after);
        assertFalse(capabilities(scep).contains("GetNextCACert"));
        assertEquals(List.of(), world.ca.raTransactions(g1.id()).stream().filter(tx -> tx.contains("-g2")).toList(),
                "same key: no new RA certificate");
        TestDevice renewing = new TestDevice(first.device().name);
        ScepResponse renewed = renewing.renewalReq(scep, ra1, first.certificate(), first.device().keys.getPrivate(),
                renewing.csr(null));
        assertEquals(PkiStatus.SUCCESS, renewed.status(), () -> "failInfo " + renewed.failInfo());
        verifyWithOpenSsl(dir, g2.certificate(), renewed.certificates().get(0), "same-key");
    }

    private Enrolled enroll(ScepHttp scep, String authorityId, X509Certificate ra, String prefix) {
        TestDevice device = new TestDevice(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        world.ca.issueAged(device.id); // inside its renewal window at once: the test renews it
        String challenge = device.open(TestProfiles.assign(world.tenant, authorityId, device).sealedChallenge());
        ScepResponse reply = device.pkcsReq(scep, ra, device.csr(challenge));
        assertEquals(PkiStatus.SUCCESS, reply.status(), () -> "failInfo " + reply.failInfo());
        return new Enrolled(device, reply.certificates().get(0));
    }

    private static String capabilities(ScepHttp scep) {
        HttpResponse<byte[]> response = scep.get("GetCACaps");
        assertEquals(200, response.statusCode());
        return new String(response.body(), StandardCharsets.US_ASCII);
    }

    /**
     * Checks the GetNextCACert answer with BouncyCastle: a SignedData whose signature verifies with {@code ra}
     * and whose content is a degenerate certs-only SignedData; returns the content's certificates.
     */
    private static List<X509Certificate> signedByAndContaining(byte[] der, X509Certificate ra) throws Exception {
        CMSSignedData signed = new CMSSignedData(der);
        List<SignerInformation> signers = new ArrayList<>(signed.getSignerInfos().getSigners());
        assertEquals(1, signers.size());
        assertTrue(signers.get(0).verify(new JcaSimpleSignerInfoVerifierBuilder().build(ra)), "signed by the RA");
        CMSSignedData inner = new CMSSignedData((byte[]) signed.getSignedContent().getContent());
        assertEquals(0, inner.getSignerInfos().size(), "the content is a degenerate certs-only SignedData");
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : inner.getCertificates().getMatches(null)) {
            certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
        return certificates;
    }

    /** The same certificates in any order (a DER SET sorts them). */
    private static void assertSame(List<X509Certificate> expected, List<X509Certificate> actual) {
        assertEquals(expected.size(), actual.size(), () -> "certificates " + actual);
        assertEquals(new HashSet<>(expected), new HashSet<>(actual));
    }

    private static List<X509Certificate> certificates(CertStore store) throws Exception {
        return store.getCertificates(null).stream().map(c -> (X509Certificate) c).toList();
    }

    private void verifyWithOpenSsl(Path dir, X509Certificate issuing, X509Certificate leaf, String name)
            throws Exception {
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path issuingFile = Files.writeString(dir.resolve(name + "-issuing.pem"), Pem.encode(issuing));
        Path leafFile = Files.writeString(dir.resolve(name + ".pem"), Pem.encode(leaf));
        OpenSsl.verifyChain(rootFile, issuingFile, leafFile);
    }
}
