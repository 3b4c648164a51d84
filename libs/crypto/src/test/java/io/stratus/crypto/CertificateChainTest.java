package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;

class CertificateChainTest {

    private static final List<San> SANS = List.of(San.dns("device-1.example.test"),
            San.email("device-1@example.test"), San.upn("device-1@corp.example.test"),
            San.uri("urn:stratus:device:1"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void rootIssuingLeafChainValidatesInJavaAndOpenSsl(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = TestPki.create(algorithm);
        KeyPair leafKeys = TestKeys.pair(algorithm, 2);
        X509Certificate leaf = pki.leaf(leafKeys, "CN=device-1,O=Stratus,C=US", SANS);

        assertEquals(algorithm.signatureAlgorithm().toUpperCase(), pki.issuing().getSigAlgName().toUpperCase());
        assertEquals(algorithm.signatureAlgorithm().toUpperCase(), leaf.getSigAlgName().toUpperCase());
        assertArrayEquals(KeyIdentifiers.of(pki.issuing()), authorityKeyId(leaf));
        assertArrayEquals(KeyIdentifiers.of(pki.root()), authorityKeyId(pki.issuing()));
        assertEquals(3, leaf.getVersion());
        assertTrue(leaf.getSerialNumber().signum() > 0);

        validateWithPkix(pki, leaf);

        OpenSsl.write(dir, "root.pem", Pem.encode(pki.root()));
        OpenSsl.write(dir, "issuing.pem", Pem.encode(pki.issuing()));
        OpenSsl.write(dir, "leaf.pem", Pem.encode(leaf));
        OpenSsl.Result verify = OpenSsl.run(dir, "verify", "-x509_strict", "-CAfile", "root.pem", "-untrusted",
                "issuing.pem", "leaf.pem").assertSuccess();
        assertTrue(verify.output().contains("leaf.pem: OK"), verify.output());

        String issuingText = OpenSsl.run(dir, "x509", "-in", "issuing.pem", "-text", "-noout").assertSuccess()
                .output();
        assertContainsAll(issuingText,
                "X509v3 Basic Constraints: critical", "CA:TRUE, pathlen:0",
                "X509v3 Key Usage: critical", "Digital Signature, Certificate Sign, CRL Sign",
                "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier",
                "X509v3 Extended Key Usage", "TLS Web Client Authentication", "TLS Web Server Authentication",
                "URI:http://pki.example.test/crl/root.crl", "CA Issuers - URI:http://pki.example.test/ca/root.cer",
                "OCSP - URI:http://pki.example.test/ocsp");

        String rootText = OpenSsl.run(dir, "x509", "-in", "root.pem", "-text", "-noout").assertSuccess().output();
        assertContainsAll(rootText, "CA:TRUE", "Certificate Sign, CRL Sign", "X509v3 Subject Key Identifier");
        assertFalse(rootText.contains("pathlen"), "root has no path length constraint");
        assertFalse(rootText.contains("CRL Distribution Points"), "root carries no CDP by default");

        String leafText = OpenSsl.run(dir, "x509", "-in", "leaf.pem", "-text", "-noout").assertSuccess().output();
        assertContainsAll(leafText, "X509v3 Basic Constraints: critical", "CA:FALSE", "X509v3 Key Usage: critical",
                "TLS Web Client Authentication", "DNS:device-1.example.test", "email:device-1@example.test",
                "othername: UPN::device-1@corp.example.test", "URI:urn:stratus:device:1",
                "URI:" + TestPki.CRL_URL, "CA Issuers - URI:" + TestPki.CA_ISSUERS_URL);
        if (algorithm.family().equals("EC")) {
            assertTrue(leafText.contains("Digital Signature\n") || leafText.contains("Digital Signature\r"),
                    "EC leaf has only digitalSignature:\n" + leafText);
            assertFalse(leafText.contains("Key Encipherment"));
        } else {
            assertTrue(leafText.contains("Digital Signature, Key Encipherment"), leafText);
        }
    }

    @Test
    void issuingCaKeepsAnExplicitPathLengthAndRejectsMismatchedKeyAlgorithm() {
        TestPki pki = TestPki.create(KeyAlgorithm.EC_P256);
        Instant now = Instant.now();
        CaSpec spec = new CaSpec("CN=Intermediate,O=Stratus", null, now, now.plus(Duration.ofDays(30)), null, 2,
                null, null, null);
        X509Certificate intermediate = CaCertificateBuilder.issuing(spec, TestKeys.pair(KeyAlgorithm.EC_P384, 2)
                .getPublic(), pki.root(), pki.rootKeys().getPrivate());
        assertEquals(2, intermediate.getBasicConstraints());
        assertEquals("SHA256withECDSA".toUpperCase(), intermediate.getSigAlgName().toUpperCase());

        CaSpec wrong = CaSpec.of("CN=Wrong", KeyAlgorithm.RSA_2048, now, now.plus(Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> CaCertificateBuilder.selfSignedRoot(wrong,
                TestKeys.ec()));
        CaSpec backwards = CaSpec.of("CN=Backwards", null, now, now.minus(Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> CaCertificateBuilder.selfSignedRoot(backwards,
                TestKeys.ec()));
    }

    @Test
    void leafWithoutSubjectHasCriticalSanAndFixedSerial() throws Exception {
        TestPki pki = TestPki.create(KeyAlgorithm.EC_P256);
        Instant now = Instant.now();
        LeafSpec spec = new LeafSpec("", List.of(San.dns("only-san.example.test")), null, null, now,
                now.plus(Duration.ofDays(1)), null, null, null, java.math.BigInteger.valueOf(0x1234));
        X509Certificate leaf = LeafCertificateSigner.sign(spec, TestKeys.rsa().getPublic(), pki.issuing(),
                pki.issuingKeys().getPrivate());
        assertEquals(java.math.BigInteger.valueOf(0x1234), leaf.getSerialNumber());
        assertTrue(leaf.getCriticalExtensionOIDs().contains("2.5.29.17"), "SAN critical when subject empty");
        assertEquals(0, leaf.getSubjectX500Principal().getEncoded().length - 2, "empty subject");
        boolean[] keyUsage = leaf.getKeyUsage();
        assertTrue(keyUsage[0] && keyUsage[2], "RSA default: digitalSignature + keyEncipherment");
        assertTrue(leaf.getExtendedKeyUsage() == null);
        assertFalse(leaf.getNonCriticalExtensionOIDs().contains("2.5.29.31"), "no CDP without URL");

        OpenSsl.write(dir, "root.pem", Pem.encode(pki.root()));
        OpenSsl.write(dir, "issuing.pem", Pem.encode(pki.issuing()));
        OpenSsl.write(dir, "leaf.pem", Pem.encode(leaf));
        OpenSsl.run(dir, "verify", "-x509_strict", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "leaf.pem").assertSuccess();

        LeafSpec bad = new LeafSpec("CN=x", null, null, List.of("keyCertSign"), now, now.plus(Duration.ofDays(1)),
                null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> LeafCertificateSigner.sign(bad,
                TestKeys.rsa().getPublic(), pki.issuing(), pki.issuingKeys().getPrivate()));
        LeafSpec nothing = new LeafSpec(null, null, null, null, now, now.plus(Duration.ofDays(1)), null, null,
                null, null);
        assertThrows(IllegalArgumentException.class, () -> LeafCertificateSigner.sign(nothing,
                TestKeys.rsa().getPublic(), pki.issuing(), pki.issuingKeys().getPrivate()));
    }

    @Test
    void serialPrintsLikeOpenSsl() {
        TestPki pki = TestPki.create(KeyAlgorithm.EC_P256);
        OpenSsl.write(dir, "root.pem", Pem.encode(pki.root()));
        String output = OpenSsl.run(dir, "x509", "-in", "root.pem", "-noout", "-serial").assertSuccess().output();
        assertEquals("serial=" + Serials.hex(pki.root().getSerialNumber()), output.trim());
    }

    private static void validateWithPkix(TestPki pki, X509Certificate leaf) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
        parameters.setRevocationEnabled(false);
        PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                .validate(factory.generateCertPath(List.of(leaf, pki.issuing())), parameters);
        assertEquals(pki.root(), result.getTrustAnchor().getTrustedCert());
    }

    private static byte[] authorityKeyId(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue("2.5.29.35");
        org.bouncycastle.asn1.x509.AuthorityKeyIdentifier aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier
                .getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets());
        return aki.getKeyIdentifier();
    }

    static void assertContainsAll(String text, String... expected) {
        for (String fragment : expected) {
            assertTrue(text.contains(fragment), "expected '" + fragment + "' in:\n" + text);
        }
    }
}
