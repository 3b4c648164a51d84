package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stratus.crypto.Crls.RevokedEntry;

class CrlsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P384"})
    void crlVerifiesInJavaAndOpenSsl(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = TestPki.create(algorithm);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BigInteger compromised = Serials.random();
        BigInteger unspecified = Serials.random();
        X509CRL crl = Crls.build(pki.issuing(), pki.issuingKeys().getPrivate(), BigInteger.valueOf(42), now,
                now.plus(Duration.ofDays(7)), List.of(new RevokedEntry(compromised, now.minusSeconds(60), 1),
                        new RevokedEntry(unspecified, now.minusSeconds(30), 0)));

        crl.verify(pki.issuing().getPublicKey());
        assertEquals(pki.issuing().getSubjectX500Principal(), crl.getIssuerX500Principal());
        X509CRLEntry entry = crl.getRevokedCertificate(compromised);
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        assertNull(crl.getRevokedCertificate(unspecified).getRevocationReason(), "no reason extension for 0");
        assertEquals(2, crl.getRevokedCertificates().size());
        assertEquals(now, crl.getThisUpdate().toInstant());

        OpenSsl.write(dir, "issuing.pem", Pem.encode(pki.issuing()));
        OpenSsl.write(dir, "crl.pem", Pem.encode(crl));
        OpenSsl.Result verify = OpenSsl.run(dir, "crl", "-in", "crl.pem", "-verify", "-CAfile", "issuing.pem",
                "-noout").assertSuccess();
        assertTrue(verify.output().contains("verify OK"), verify.output());
        String text = OpenSsl.run(dir, "crl", "-in", "crl.pem", "-text", "-noout").assertSuccess().output();
        CertificateChainTest.assertContainsAll(text, "X509v3 CRL Number", "42", "X509v3 Authority Key Identifier",
                "Key Compromise", "Serial Number: " + Serials.hex(compromised));

        byte[] der = Crls.buildDer(pki.issuing(), pki.issuingKeys().getPrivate(), BigInteger.ONE, now,
                now.plus(Duration.ofDays(1)), List.of());
        X509CRL empty = Pem.crl(der);
        empty.verify(pki.issuing().getPublicKey());
        assertNull(empty.getRevokedCertificates());
        assertFalse(empty.isRevoked(pki.root()));
    }

    @org.junit.jupiter.api.Test
    void invalidEntriesAndTimesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RevokedEntry(BigInteger.ONE, Instant.now(), 7));
        assertThrows(IllegalArgumentException.class, () -> new RevokedEntry(BigInteger.ONE, Instant.now(), 11));
        assertThrows(IllegalArgumentException.class, () -> new RevokedEntry(BigInteger.ZERO, Instant.now(), 1));
        TestPki pki = TestPki.create(KeyAlgorithm.EC_P256);
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> Crls.build(pki.issuing(),
                pki.issuingKeys().getPrivate(), BigInteger.ONE, now, now.minusSeconds(1), List.of()));
    }
}
