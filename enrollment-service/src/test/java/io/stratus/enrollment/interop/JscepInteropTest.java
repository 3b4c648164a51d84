package io.stratus.enrollment.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jscep.client.Client;
import org.jscep.client.EnrollmentResponse;
import org.jscep.client.verification.OptimisticCertificateVerifier;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.enrollment.support.Await;
import io.stratus.enrollment.support.Database;
import io.stratus.enrollment.support.TestCertificateAuthority.Issuer;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.OpenSsl;
import io.stratus.testkit.StratusTestResource;

/**
 * jscep (Maven Central, not written here) against the running service: enrolment with a static challenge,
 * PENDING then polling, renewal (jscep 2.5.8 has no RenewalReq: it renews with a PKCSReq signed by the
 * current certificate, which the service handles as a renewal),
 * GetCert and GetCRL. OpenSSL verifies the certificates.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class JscepInteropTest {

    private static final String CHALLENGE = "jscep-static-" + UUID.randomUUID();
    private static Issuer ca;

    @TestHTTPResource("/")
    URL root;

    TestWorld world;
    Client client;

    @BeforeEach
    void setUp() throws Exception {
        world = TestWorld.get();
        synchronized (JscepInteropTest.class) {
            if (ca == null) {
                ca = world.ca.createIssuing("jscep CA " + UUID.randomUUID().toString().substring(0, 8));
                String base = root.toString().replaceAll("/$", "");
                TestWorld.awaitCaCertificates(world.scep(base, ca.id()));
                StaticChallengeAdmin.enable(world.tenant, ca.id(), CHALLENGE);
            }
        }
        client = new Client(new URL(root.toString().replaceAll("/$", "") + "/scep/" + world.tenant + "/" + ca.id()),
                new OptimisticCertificateVerifier());
    }

    @Test
    void capabilitiesAndCaCertificatesAsJscepSeesThem() throws Exception {
        assertTrue(client.getCaCapabilities().isRenewalSupported());
        assertTrue(client.getCaCapabilities().isPostSupported());
        List<X509Certificate> certificates = certificates(client.getCaCertificate());
        assertTrue(certificates.contains(ca.certificate()));
        assertEquals(2, certificates.size());
    }

    @Test
    void jscepEnrolsRenewsAndGetsCertificateAndCrl(@TempDir Path dir) throws Exception {
        String cn = "jscep-" + UUID.randomUUID().toString().substring(0, 8);
        world.ca.issueAged("static:" + cn); // inside its renewal window at once: the test renews it
        KeyPair keys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate identity = ScepClientMessages.selfSignedSigner(keys, "CN=" + cn);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                Csrs.build(keys, "CN=" + cn + ",O=jscep", List.of(), CHALLENGE));

        EnrollmentResponse enrolled = client.enrol(identity, keys.getPrivate(), csr);

        assertTrue(enrolled.isSuccess(), () -> "jscep enrolment: " + enrolled.getFailInfo());
        X509Certificate certificate = certificateFor(enrolled.getCertStore(), keys);
        assertTrue(SubjectNames.same("CN=" + cn, SubjectNames.toString(certificate.getSubjectX500Principal())));
        verify(dir, certificate, "enrolled");

        KeyPair newKeys = KeyAlgorithm.RSA_2048.generate();
        PKCS10CertificationRequest renewalCsr = new PKCS10CertificationRequest(
                Csrs.build(newKeys, "CN=" + cn, List.of(), null));
        EnrollmentResponse renewed = client.enrol(certificate, keys.getPrivate(), renewalCsr);

        assertTrue(renewed.isSuccess(), () -> "jscep renewal: " + renewed.getFailInfo());
        X509Certificate renewal = certificateFor(renewed.getCertStore(), newKeys);
        verify(dir, renewal, "renewed");
        assertEquals("RENEWAL", Database.single("select kind from enrollment where renewed_serial is not null"
                + " and certificate_der = ?", Pem.der(renewal)), "jscep's renewal (a PKCSReq signed with the current certificate) is handled as a RENEWAL");

        List<X509Certificate> fetched = certificates(client.getCertificate(renewal, newKeys.getPrivate(),
                certificate.getSerialNumber()));
        assertTrue(fetched.contains(certificate), "GetCert returns the first certificate");

        world.ca.publishCrl(ca, 1, List.of(certificate.getSerialNumber()));
        Await.until("the CRL to be cached", () -> Database.count(
                "select count(*) from crl where authority_id = ? and crl_number >= 1", ca.id()) == 1);
        X509CRL crl = client.getRevocationList(renewal, newKeys.getPrivate(), ca.certificate().getSubjectX500Principal(),
                renewal.getSerialNumber());
        assertNotNull(crl.getRevokedCertificate(certificate.getSerialNumber()));
        crl.verify(ca.certificate().getPublicKey());
    }

    @Test
    void jscepPollsAPendingEnrolment() throws Exception {
        String cn = "jscep-patient-" + UUID.randomUUID().toString().substring(0, 8);
        world.ca.silence("static:" + cn);
        KeyPair keys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate identity = ScepClientMessages.selfSignedSigner(keys, "CN=" + cn);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                Csrs.build(keys, "CN=" + cn, List.of(), CHALLENGE));

        EnrollmentResponse first = client.enrol(identity, keys.getPrivate(), csr);
        assertTrue(first.isPending(), "the silent CA makes the enrolment PENDING");
        EnrollmentResponse stillPending = client.poll(identity, keys.getPrivate(),
                ca.certificate().getSubjectX500Principal(), first.getTransactionId());
        assertTrue(stillPending.isPending());

        Await.until("the held request to be released", () -> world.ca.releaseDevice("static:" + cn) == 1);
        EnrollmentResponse done = Await.value("jscep's poll to succeed", () -> {
            try {
                EnrollmentResponse polled = client.poll(identity, keys.getPrivate(),
                        ca.certificate().getSubjectX500Principal(), first.getTransactionId());
                assertFalse(polled.isFailure(), "no FAILURE while pending");
                return polled.isSuccess() ? polled : null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(keys.getPublic(), certificateFor(done.getCertStore(), keys).getPublicKey());
    }

    private static List<X509Certificate> certificates(CertStore store) throws Exception {
        return store.getCertificates(null).stream().map(c -> (X509Certificate) c).toList();
    }

    private static X509Certificate certificateFor(CertStore store, KeyPair keys) throws Exception {
        for (Certificate c : store.getCertificates(null)) {
            if (c.getPublicKey().equals(keys.getPublic())) {
                return (X509Certificate) c;
            }
        }
        throw new AssertionError("no certificate for the key in " + store.getCertificates(null));
    }

    private void verify(Path dir, X509Certificate leaf, String name) throws Exception {
        Path rootFile = Files.writeString(dir.resolve("root.pem"), Pem.encode(world.ca.root));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
        Path leafFile = Files.writeString(dir.resolve(name + ".pem"), Pem.encode(leaf));
        OpenSsl.verifyChain(rootFile, caFile, leafFile);
    }
}
