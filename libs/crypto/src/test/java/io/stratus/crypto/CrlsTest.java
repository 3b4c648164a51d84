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

    /**
     * The streaming writer's DER is what BouncyCastle's general builder encodes for the same CRL (RSA signatures are
     * deterministic, so the whole CRL compares): every reason code, serials of 1 to 20 octets, UTCTime and
     * GeneralizedTime revocation dates (with milliseconds, which both drop), and lengths in the short and the long DER forms
     * (up to three length octets: 2,001 entries are about 90 kB).
     */
    @org.junit.jupiter.api.Test
    void writerEncodesWhatBouncyCastleEncodes() throws Exception {
        TestPki pki = TestPki.create(KeyAlgorithm.RSA_2048);
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        List<RevokedEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int reason = i % 11 == 7 ? 0 : i % 11;
            BigInteger serial = i % 3 == 0 ? BigInteger.valueOf(i + 1) : Serials.random();
            Instant revokedAt = switch (i % 50) {
                case 0 -> Instant.parse("2050-01-01T00:00:00Z");
                case 1 -> Instant.parse("2049-12-31T23:59:59.999Z");
                case 2 -> Instant.parse("1999-02-28T08:07:06Z");
                default -> now.minusMillis(i * 1_037L);
            };
            entries.add(new RevokedEntry(serial, revokedAt, reason));
        }
        entries.add(new RevokedEntry(new BigInteger(1, new byte[] {(byte) 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19}), now, 1));
        for (int size : new int[] {0, 1, 2, 301, 2_001}) {
            List<RevokedEntry> some = entries.subList(0, Math.min(size, entries.size()));
            byte[] streamed = Crls.buildDer(pki.issuing(), pki.issuingKeys().getPrivate(), BigInteger.valueOf(size),
                    now, now.plus(Duration.ofDays(7)), some);
            byte[] general = bouncyCastle(pki, BigInteger.valueOf(size), now, now.plus(Duration.ofDays(7)), some);
            org.junit.jupiter.api.Assertions.assertArrayEquals(general, streamed, "CRL of " + size + " entries");
        }
    }

    /**
     * A complete CRL that points to its delta, and a delta CRL (critical deltaCRLIndicator with the complete CRL's
     * number) that lists a revocation made after the complete CRL: OpenSSL with -use_deltas finds the leaf revoked,
     * and without the delta finds it good.
     */
    @org.junit.jupiter.api.Test
    void aDeltaCrlRevokesWhatItsBaseDoesNotListYet() throws Exception {
        TestPki pki = TestPki.create(KeyAlgorithm.RSA_2048);
        java.security.cert.X509Certificate leaf = pki.leaf(TestKeys.pair(KeyAlgorithm.RSA_2048, 2), "CN=device-1",
                List.of());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] base = new CrlWriter(pki.issuing(), BigInteger.valueOf(7), now.minusSeconds(600), now.plus(Duration.ofDays(7)))
                .freshestCrl("http://pki.example.test/crl/issuing/delta").sign(pki.issuingKeys().getPrivate());
        byte[] delta = new CrlWriter(pki.issuing(), BigInteger.valueOf(8), now, now.plus(Duration.ofDays(1)))
                .deltaOf(BigInteger.valueOf(7)).add(new RevokedEntry(leaf.getSerialNumber(), now.minusSeconds(60), 1))
                .sign(pki.issuingKeys().getPrivate());

        X509CRL parsedDelta = Pem.crl(delta);
        parsedDelta.verify(pki.issuing().getPublicKey());
        assertTrue(parsedDelta.getCriticalExtensionOIDs().contains("2.5.29.27"), "deltaCRLIndicator is critical");
        assertTrue(Pem.crl(base).getNonCriticalExtensionOIDs().contains("2.5.29.46"), "Freshest CRL");

        OpenSsl.write(dir, "chain.pem", Pem.encode(pki.root()) + Pem.encode(pki.issuing()));
        OpenSsl.write(dir, "leaf.pem", Pem.encode(leaf));
        OpenSsl.write(dir, "base.pem", Pem.encode(Pem.crl(base)));
        OpenSsl.write(dir, "delta.pem", Pem.encode(parsedDelta));
        String text = OpenSsl.run(dir, "crl", "-in", "delta.pem", "-noout", "-text").assertSuccess().output();
        CertificateChainTest.assertContainsAll(text, "Delta CRL Indicator", "7", "Key Compromise");
        String baseText = OpenSsl.run(dir, "crl", "-in", "base.pem", "-noout", "-text").assertSuccess().output();
        CertificateChainTest.assertContainsAll(baseText, "Freshest CRL", "http://pki.example.test/crl/issuing/delta");

        OpenSsl.Result withoutDelta = OpenSsl.run(dir, "verify", "-crl_check", "-CAfile", "chain.pem", "-CRLfile",
                "base.pem", "leaf.pem");
        assertEquals(0, withoutDelta.exitCode(), withoutDelta.output());
        OpenSsl.Result withDelta = OpenSsl.run(dir, "verify", "-crl_check", "-use_deltas", "-CAfile", "chain.pem",
                "-CRLfile", "base.pem", "-CRLfile", "delta.pem", "leaf.pem");
        assertTrue(withDelta.exitCode() != 0 && withDelta.output().contains("certificate revoked"),
                withDelta.output());
    }

    private static byte[] bouncyCastle(TestPki pki, BigInteger number, Instant thisUpdate, Instant nextUpdate,
            List<RevokedEntry> entries) throws Exception {
        var builder = new org.bouncycastle.cert.X509v2CRLBuilder(
                org.bouncycastle.asn1.x500.X500Name.getInstance(pki.issuing().getSubjectX500Principal().getEncoded()),
                java.util.Date.from(thisUpdate));
        builder.setNextUpdate(java.util.Date.from(nextUpdate));
        for (RevokedEntry entry : entries) {
            if (entry.reasonCode() == 0) {
                builder.addCRLEntry(entry.serial(), java.util.Date.from(entry.revokedAt()),
                        (org.bouncycastle.asn1.x509.Extensions) null);
            } else {
                builder.addCRLEntry(entry.serial(), java.util.Date.from(entry.revokedAt()), entry.reasonCode());
            }
        }
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber, false,
                new org.bouncycastle.asn1.x509.CRLNumber(number));
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.authorityKeyIdentifier, false,
                new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(KeyIdentifiers.of(pki.issuing())));
        return builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                .build(pki.issuingKeys().getPrivate())).getEncoded();
    }
}
