package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.crypto.LeafCertificateSigner.LeafSpec;

class CertificateNamesTest {

    private static final TestPki PKI = TestPki.create(KeyAlgorithm.EC_P256);

    @TempDir
    Path dir;

    @Test
    void theSubjectAltNamesOfAnIssuedCertificateInTheirOrder() throws Exception {
        List<San> sans = List.of(San.dns("Laptop-7.corp.example.test"), San.email("ada@example.test"),
                San.upn("ada@corp.example.test"), San.uri("urn:stratus:device:7"), San.ip("192.0.2.7"));
        assertEquals(sans, CertificateNames.subjectAltNames(leaf(sans).getEncoded()));
        assertEquals(List.of(), CertificateNames.subjectAltNames(leaf(null).getEncoded()));
    }

    @Test
    void aNameTypeStratusDoesNotReadIsLeftOutNotRefused() throws Exception {
        // OpenSSL makes the certificate: a directory name and a registered ID beside a DNS name
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=other-names",
                "-addext", "subjectAltName=dirName:dir_sect,RID:1.2.3.4,DNS:kept.example.test",
                "-config", OpenSsl.write(dir, "openssl.cnf", """
                        [req]
                        distinguished_name = dn
                        [dn]
                        [dir_sect]
                        CN = a directory name
                        """).toString()).assertSuccess();
        byte[] der = Pem.certificate(java.nio.file.Files.readString(dir.resolve("cert.pem"))).getEncoded();
        assertEquals(List.of(San.dns("kept.example.test")), CertificateNames.subjectAltNames(der));
    }

    @Test
    void bytesThatAreNoCertificateAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CertificateNames.subjectAltNames(new byte[] {1, 2, 3}));
    }

    private static X509Certificate leaf(List<San> sans) {
        Instant now = Instant.now();
        return LeafCertificateSigner.sign(new LeafSpec("CN=laptop-7,O=Stratus", sans,
                List.of(ExtendedKeyUsages.CLIENT_AUTH), null, now.minusSeconds(60), now.plus(Duration.ofDays(1)),
                null, null, null, null), KeyAlgorithm.EC_P256.generate().getPublic(), PKI.issuing(),
                PKI.issuingKeys().getPrivate());
    }
}
