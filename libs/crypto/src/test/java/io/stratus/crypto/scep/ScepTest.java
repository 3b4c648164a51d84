package io.stratus.crypto.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stratus.crypto.Crls;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.KeyUsages;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.OpenSsl;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Providers;
import io.stratus.crypto.San;
import io.stratus.crypto.TestKeys;
import io.stratus.crypto.TestPki;

class ScepTest {

    private static TestPki pki;
    private static RaCredentials ra;
    private static final ScepServer SERVER = new ScepServer();

    @TempDir
    Path dir;

    /** One device enrollment in progress. */
    private record Device(KeyPair keys, X509Certificate signer, byte[] csr, String transactionId, byte[] nonce) {

        static Device create(KeyPair keys, String cn) {
            String dn = "CN=" + cn + ",O=Stratus,C=US";
            return new Device(keys, ScepClientMessages.selfSignedSigner(keys, dn),
                    Csrs.build(keys, dn, List.of(San.dns(cn + ".example.test")), "challenge-" + cn),
                    ScepClientMessages.transactionId(keys.getPublic()), ScepClientMessages.newNonce());
        }

        byte[] pkcsReq(ScepCipherSuite suite) {
            return ScepClientMessages.pkcsReq(csr, signer, keys.getPrivate(), ra.certificate(), transactionId, nonce,
                    suite);
        }

        ScepResponse read(byte[] certRep) {
            return ScepClientMessages.decodeResponse(certRep, signer, keys.getPrivate(), nonce,
                    List.of(ra.certificate()));
        }
    }

    @BeforeAll
    static void createPkiAndRa() {
        pki = TestPki.create(KeyAlgorithm.RSA_2048);
        KeyPair raKeys = TestKeys.pair(KeyAlgorithm.RSA_2048, 3);
        Instant now = Instant.now();
        X509Certificate raCert = LeafCertificateSigner.sign(new LeafSpec("CN=Stratus SCEP RA,O=Stratus,C=US", null,
                List.of(ExtendedKeyUsages.CERTIFICATE_REQUEST_AGENT),
                List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT), now.minusSeconds(60),
                now.plus(Duration.ofDays(30)), null, null, null, null), raKeys.getPublic(), pki.issuing(),
                pki.issuingKeys().getPrivate());
        ra = new RaCredentials(raCert, raKeys.getPrivate(), List.of(pki.issuing(), pki.root()));
    }

    private static X509Certificate issue(byte[] csrDer) {
        Csrs.ParsedCsr csr = Csrs.parse(csrDer);
        Instant now = Instant.now();
        return LeafCertificateSigner.sign(new LeafSpec(csr.subjectDn(), csr.subjectAltNames(),
                List.of(ExtendedKeyUsages.CLIENT_AUTH), null, now.minusSeconds(60), now.plus(Duration.ofDays(90)),
                TestPki.CRL_URL, null, null, null), csr.publicKey(), pki.issuing(), pki.issuingKeys().getPrivate());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256"})
    void pkcsReqToSuccessRoundTrip(KeyAlgorithm deviceAlgorithm) {
        Device device = Device.create(TestKeys.pair(deviceAlgorithm, 2), "dev-" + deviceAlgorithm);
        ScepRequest request = SERVER.decode(device.pkcsReq(ScepCipherSuite.AES256_SHA256), ra);

        assertEquals(MessageType.PKCSReq, request.messageType());
        assertEquals(device.transactionId(), request.transactionId());
        assertEquals(64, request.transactionId().length());
        assertArrayEquals(device.nonce(), request.senderNonce());
        assertEquals(device.signer(), request.signerCertificate());
        assertArrayEquals(device.csr(), request.content());
        assertEquals(ScepAlgorithms.SHA256, request.digestAlgorithmOid());
        assertEquals(ScepAlgorithms.AES256_CBC, request.contentEncryptionAlgorithmOid());
        assertEquals("challenge-dev-" + deviceAlgorithm, Csrs.parse(request.content()).challengePassword());

        X509Certificate issued = issue(request.content());
        byte[] reply = ScepServer.success(request, List.of(issued, pki.issuing()), ra);
        ScepResponse response = device.read(reply);
        assertEquals(PkiStatus.SUCCESS, response.status());
        assertNull(response.failInfo());
        assertEquals(device.transactionId(), response.transactionId());
        assertEquals(List.of(issued, pki.issuing()), response.certificates());
    }

    @Test
    void messagesInteroperateWithOpenSslCms() {
        Device device = Device.create(TestKeys.rsa(), "openssl-interop");
        byte[] pkcsReq = device.pkcsReq(ScepCipherSuite.AES256_SHA256);
        OpenSsl.write(dir, "ra.pem", Pem.encode(ra.certificate()));
        OpenSsl.write(dir, "ra.key", pem(ra.privateKey().getEncoded()));
        OpenSsl.write(dir, "device.key", pem(device.keys().getPrivate().getEncoded()));
        OpenSsl.write(dir, "pkcsreq.der", pkcsReq);

        OpenSsl.run(dir, "cms", "-verify", "-noverify", "-inform", "DER", "-in", "pkcsreq.der", "-out",
                "envelope.der").assertSuccess();
        OpenSsl.run(dir, "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der", "-recip", "ra.pem", "-inkey",
                "ra.key", "-out", "csr.der").assertSuccess();
        assertArrayEquals(device.csr(), OpenSsl.read(dir.resolve("csr.der")), "OpenSSL finds the CSR inside");
        String attributes = OpenSsl.run(dir, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "pkcsreq.der")
                .assertSuccess().output();
        assertTrue(attributes.contains("2.16.840.1.113733.1.9.7"), "transactionID attribute:\n" + attributes);

        ScepRequest request = SERVER.decode(pkcsReq, ra);
        X509Certificate issued = issue(request.content());
        OpenSsl.write(dir, "certrep.der", ScepServer.success(request, List.of(issued), ra));
        OpenSsl.run(dir, "cms", "-verify", "-noverify", "-inform", "DER", "-in", "certrep.der", "-out",
                "reply-envelope.der").assertSuccess();
        OpenSsl.run(dir, "cms", "-decrypt", "-inform", "DER", "-in", "reply-envelope.der", "-inkey", "device.key",
                "-out", "issued.p7b").assertSuccess();
        String certs = OpenSsl.run(dir, "pkcs7", "-inform", "DER", "-in", "issued.p7b", "-print_certs")
                .assertSuccess().output();
        assertEquals(issued, Pem.certificate(certs));

        // RFC 8894 3.3.2: PENDING and FAILURE omit the pkcsPKIEnvelope, so OpenSSL sees detached empty content.
        OpenSsl.write(dir, "pending.der", ScepServer.pending(request, ra));
        OpenSsl.write(dir, "empty.bin", new byte[0]);
        OpenSsl.run(dir, "cms", "-verify", "-noverify", "-inform", "DER", "-in", "pending.der", "-content",
                "empty.bin", "-out", "nothing.bin").assertSuccess();
    }

    @Test
    void pendingThenCertPoll() {
        Device device = Device.create(TestKeys.rsa(), "pending-device");
        ScepRequest request = SERVER.decode(device.pkcsReq(ScepCipherSuite.AES256_SHA256), ra);
        ScepResponse pending = device.read(ScepServer.pending(request, ra));
        assertEquals(PkiStatus.PENDING, pending.status());
        assertEquals(List.of(), pending.certificates());
        assertEquals(device.transactionId(), pending.transactionId());

        byte[] pollNonce = ScepClientMessages.newNonce();
        X500Name issuer = X500Name.getInstance(pki.issuing().getSubjectX500Principal().getEncoded());
        X500Name subject = X500Name.getInstance(device.signer().getSubjectX500Principal().getEncoded());
        byte[] poll = ScepClientMessages.certPoll(issuer, subject, device.signer(), device.keys().getPrivate(),
                ra.certificate(), device.transactionId(), pollNonce);
        ScepRequest pollRequest = SERVER.decode(poll, ra);
        assertEquals(MessageType.CertPoll, pollRequest.messageType());
        assertEquals(device.transactionId(), pollRequest.transactionId());
        IssuerAndSubject names = pollRequest.issuerAndSubject();
        assertEquals("CN=Stratus Test Issuing RSA_2048,O=Stratus,C=US", names.issuerDn());
        assertEquals("CN=pending-device,O=Stratus,C=US", names.subjectDn());

        X509Certificate issued = issue(request.content());
        ScepResponse done = ScepClientMessages.decodeResponse(ScepServer.success(pollRequest, List.of(issued), ra),
                device.signer(), device.keys().getPrivate(), pollNonce, List.of(ra.certificate()));
        assertEquals(PkiStatus.SUCCESS, done.status());
        assertEquals(issued, done.certificates().get(0));
    }

    @Test
    void failureCarriesFailInfo() {
        Device device = Device.create(TestKeys.rsa(), "refused-device");
        ScepRequest request = SERVER.decode(device.pkcsReq(ScepCipherSuite.AES256_SHA256), ra);
        for (FailInfo info : FailInfo.values()) {
            ScepResponse response = device.read(ScepServer.failure(request, info, ra));
            assertEquals(PkiStatus.FAILURE, response.status());
            assertEquals(info, response.failInfo());
            assertEquals(List.of(), response.certificates());
        }
    }

    @Test
    void renewalGetCertAndGetCrl() {
        Device device = Device.create(TestKeys.rsa(), "renewing-device");
        X509Certificate current = issue(device.csr());

        KeyPair newKeys = TestKeys.ec();
        byte[] newCsr = Csrs.build(newKeys, "CN=renewing-device,O=Stratus,C=US", List.of(), null);
        byte[] nonce = ScepClientMessages.newNonce();
        String transactionId = ScepClientMessages.transactionId(newKeys.getPublic());
        byte[] renewal = ScepClientMessages.renewalReq(newCsr, current, device.keys().getPrivate(),
                ra.certificate(), transactionId, nonce);
        ScepRequest request = SERVER.decode(renewal, ra);
        assertEquals(MessageType.RenewalReq, request.messageType());
        assertEquals(current, request.signerCertificate());
        assertArrayEquals(newCsr, request.content());
        X509Certificate renewed = issue(request.content());
        ScepResponse response = ScepClientMessages.decodeResponse(ScepServer.success(request, List.of(renewed), ra),
                current, device.keys().getPrivate(), nonce, List.of(ra.certificate()));
        assertEquals(renewed, response.certificates().get(0));

        X500Name issuer = X500Name.getInstance(pki.issuing().getSubjectX500Principal().getEncoded());
        byte[] getCert = ScepClientMessages.getCert(issuer, current.getSerialNumber(), current,
                device.keys().getPrivate(), ra.certificate(), "get-cert-1", ScepClientMessages.newNonce());
        ScepRequest getCertRequest = SERVER.decode(getCert, ra);
        assertEquals(MessageType.GetCert, getCertRequest.messageType());
        assertEquals(new IssuerAndSerial("CN=Stratus Test Issuing RSA_2048,O=Stratus,C=US",
                current.getSerialNumber()), getCertRequest.issuerAndSerial());

        byte[] crlNonce = ScepClientMessages.newNonce();
        byte[] getCrl = ScepClientMessages.getCrl(issuer, current.getSerialNumber(), current,
                device.keys().getPrivate(), ra.certificate(), "get-crl-1", crlNonce);
        ScepRequest getCrlRequest = SERVER.decode(getCrl, ra);
        assertEquals(MessageType.GetCRL, getCrlRequest.messageType());
        Instant now = Instant.now();
        X509CRL crl = Crls.build(pki.issuing(), pki.issuingKeys().getPrivate(), BigInteger.TEN, now,
                now.plus(Duration.ofDays(1)), List.of(new Crls.RevokedEntry(current.getSerialNumber(), now, 4)));
        ScepResponse crlResponse = ScepClientMessages.decodeResponse(ScepServer.success(getCrlRequest, crl, ra),
                current, device.keys().getPrivate(), crlNonce, List.of(ra.certificate()));
        assertEquals(List.of(crl), crlResponse.crls());
        assertTrue(crlResponse.crls().get(0).isRevoked(current));
    }

    @Test
    void tamperedRequestIsABadMessageCheckThatCanStillBeAnswered() throws Exception {
        Device device = Device.create(TestKeys.rsa(), "tampered-device");
        byte[] message = device.pkcsReq(ScepCipherSuite.AES256_SHA256);
        byte[] envelope = (byte[]) new CMSSignedData(message).getSignedContent().getContent();
        int start = indexOf(message, envelope);
        message[start + envelope.length - 3] ^= 0x40; // inside the last ciphertext block

        ScepException failure = assertThrows(ScepException.class, () -> SERVER.decode(message, ra));
        assertEquals(FailInfo.badMessageCheck, failure.failInfo());
        assertNotNull(failure.partial());
        assertTrue(failure.canReply());
        assertEquals(device.transactionId(), failure.partial().transactionId());
        assertNull(failure.partial().content());

        ScepResponse answer = device.read(ScepServer.failure(failure.partial(), failure.failInfo(), ra));
        assertEquals(PkiStatus.FAILURE, answer.status());
        assertEquals(FailInfo.badMessageCheck, answer.failInfo());
    }

    @Test
    void garbageHasNoPartialRequest() {
        for (byte[] garbage : List.of(new byte[0], "GET /scep".getBytes(), new byte[] {0x30, (byte) 0x80, 0, 0},
                ScepServer.degenerateCertificates(List.of(pki.issuing())))) {
            ScepException failure = assertThrows(ScepException.class, () -> SERVER.decode(garbage, ra));
            assertNull(failure.partial(), "nothing to answer with a CertRep");
            assertEquals(FailInfo.badRequest, failure.failInfo());
        }
    }

    @Test
    void weakAlgorithmsFollowThePolicy() {
        Device device = Device.create(TestKeys.rsa(), "legacy-device");

        byte[] des = device.pkcsReq(ScepCipherSuite.DES_SHA256);
        ScepException refusedDes = assertThrows(ScepException.class, () -> SERVER.decode(des, ra));
        assertEquals(FailInfo.badAlg, refusedDes.failInfo());
        assertEquals(ScepAlgorithms.DES_CBC, refusedDes.partial().contentEncryptionAlgorithmOid());
        ScepRequest legacyDes = new ScepServer(ScepAlgorithmPolicy.LEGACY).decode(des, ra);
        assertArrayEquals(device.csr(), legacyDes.content());

        byte[] md5 = device.pkcsReq(ScepCipherSuite.AES256_MD5);
        assertEquals(FailInfo.badAlg, assertThrows(ScepException.class, () -> SERVER.decode(md5, ra)).failInfo());

        byte[] tripleDes = device.pkcsReq(ScepCipherSuite.TRIPLE_DES_SHA1);
        ScepRequest accepted = SERVER.decode(tripleDes, ra);
        assertEquals(ScepAlgorithms.DES_EDE3_CBC, accepted.contentEncryptionAlgorithmOid());
        assertEquals(ScepAlgorithms.SHA1, accepted.digestAlgorithmOid());
        ScepResponse reply = device.read(ScepServer.success(accepted, List.of(issue(accepted.content())), ra));
        assertEquals(PkiStatus.SUCCESS, reply.status(), "reply uses the same (old) algorithms and still decodes");
        ScepException strict = assertThrows(ScepException.class,
                () -> new ScepServer(ScepAlgorithmPolicy.STRICT).decode(tripleDes, ra));
        assertEquals(FailInfo.badAlg, strict.failInfo());
    }

    @Test
    void requestForAnotherRaCannotBeDecrypted() {
        Device device = Device.create(TestKeys.rsa(), "lost-device");
        byte[] toIssuingCa = ScepClientMessages.pkcsReq(device.csr(), device.signer(), device.keys().getPrivate(),
                pki.issuing(), device.transactionId(), device.nonce());
        ScepException failure = assertThrows(ScepException.class, () -> SERVER.decode(toIssuingCa, ra));
        assertEquals(FailInfo.badMessageCheck, failure.failInfo());
        assertNotNull(failure.partial());
    }

    @Test
    void clientRejectsForeignOrReplayedReplies() {
        Device device = Device.create(TestKeys.rsa(), "careful-device");
        ScepRequest request = SERVER.decode(device.pkcsReq(ScepCipherSuite.AES256_SHA256), ra);
        byte[] reply = ScepServer.pending(request, ra);

        ScepException wrongNonce = assertThrows(ScepException.class, () -> ScepClientMessages.decodeResponse(reply,
                device.signer(), device.keys().getPrivate(), ScepClientMessages.newNonce(), List.of(ra.certificate())));
        assertTrue(wrongNonce.getMessage().contains("recipientNonce"));
        ScepException untrusted = assertThrows(ScepException.class, () -> ScepClientMessages.decodeResponse(reply,
                device.signer(), device.keys().getPrivate(), device.nonce(), List.of(pki.issuing())));
        assertTrue(untrusted.getMessage().contains("trusted"));
        assertThrows(ScepException.class, () -> ScepClientMessages.decodeResponse(new byte[] {1, 2},
                device.signer(), device.keys().getPrivate(), device.nonce(), List.of(ra.certificate())));
        assertThrows(ScepException.class, () -> SERVER.decode(reply, ra), "a CertRep is not a request");
    }

    @Test
    void getCaCertIsACertsOnlyPkcs7InOrder() {
        byte[] degenerate = ScepServer.degenerateCertificates(List.of(pki.issuing(), ra.certificate()));
        assertEquals(List.of(pki.issuing(), ra.certificate()), ScepClientMessages.caCertificates(degenerate));
        OpenSsl.write(dir, "ca.p7b", degenerate);
        String printed = OpenSsl.run(dir, "pkcs7", "-inform", "DER", "-in", "ca.p7b", "-print_certs")
                .assertSuccess().output();
        assertEquals(List.of(pki.issuing(), ra.certificate()), Pem.certificates(printed));
    }

    @Test
    void roundTripWithoutAccp() {
        System.setProperty(Providers.ACCP_PROPERTY, "false");
        try {
            Device device = Device.create(KeyAlgorithm.RSA_2048.generate(), "jdk-only-device");
            ScepRequest request = SERVER.decode(device.pkcsReq(ScepCipherSuite.AES128_SHA256), ra);
            ScepResponse response = device.read(ScepServer.success(request, List.of(issue(request.content())), ra));
            assertEquals(PkiStatus.SUCCESS, response.status());
        } finally {
            System.clearProperty(Providers.ACCP_PROPERTY);
        }
    }

    @Test
    void toStringsDoNotRevealKeys() {
        assertTrue(!ra.toString().toLowerCase().contains("exponent") && !ra.toString().contains("modulus"),
                ra.toString());
        assertEquals(3, MessageType.CertRep.code());
        assertEquals(MessageType.GetCRL, MessageType.of(22));
        assertEquals(PkiStatus.PENDING, PkiStatus.of(3));
        assertEquals(FailInfo.badCertId, FailInfo.of(4));
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(99));
    }

    private static String pem(byte[] pkcs8) {
        return Pem.armor("PRIVATE KEY", pkcs8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
