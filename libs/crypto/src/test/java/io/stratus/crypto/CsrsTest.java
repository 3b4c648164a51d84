package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stratus.crypto.Csrs.ParsedCsr;

class CsrsTest {

    private static final List<San> SANS = List.of(San.dns("device-7.example.test"), San.email("d7@example.test"),
            San.upn("d7@corp.example.test"), San.uri("urn:stratus:device:7"), San.ip("192.0.2.7"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256", "EC_P384"})
    void ourRequestsRoundTripAndOpenSslVerifiesThem(KeyAlgorithm algorithm) {
        KeyPair keys = TestKeys.pair(algorithm, 2);
        byte[] der = Csrs.build(keys, "CN=device-7,O=Stratus,C=US", SANS, "one-time-secret");
        ParsedCsr csr = Csrs.parse(der);
        assertEquals("CN=device-7,O=Stratus,C=US", csr.subjectDn());
        assertArrayEquals(keys.getPublic().getEncoded(), csr.publicKey().getEncoded());
        assertEquals(algorithm, csr.keyAlgorithm());
        assertEquals(algorithm.family(), csr.keyFamily());
        assertEquals(algorithm.size(), csr.keySize());
        assertEquals(SANS, csr.subjectAltNames());
        assertEquals("one-time-secret", csr.challengePassword());
        assertFalse(csr.requestsCa());
        assertArrayEquals(der, csr.encoded());
        assertFalse(csr.toString().contains("one-time-secret"), "toString hides the challenge");

        OpenSsl.write(dir, "req.pem", Pem.encodeCsr(der));
        String text = OpenSsl.run(dir, "req", "-in", "req.pem", "-verify", "-noout", "-text").assertSuccess()
                .output();
        assertTrue(text.contains("verify OK") || text.contains("Certificate request self-signature verify OK"),
                text);
        assertTrue(text.contains("challengePassword"), text);
        assertTrue(text.contains("DNS:device-7.example.test"), text);
        assertTrue(text.contains("IP Address:192.0.2.7"), text);
    }

    @ParameterizedTest
    @EnumSource(Csrs.HashChoice.class)
    void requestsAreSignedWithTheHashTheProfileAsksFor(Csrs.HashChoice hash) {
        for (KeyPair keys : List.of(TestKeys.pair(KeyAlgorithm.RSA_2048, 2), TestKeys.pair(KeyAlgorithm.EC_P256, 2))) {
            byte[] der = Csrs.build(keys, "CN=hashed", List.of(), "secret", hash);
            assertEquals("CN=hashed", Csrs.parse(der).subjectDn(), "the signature verifies");
            OpenSsl.write(dir, "hashed.pem", Pem.encodeCsr(der));
            String text = OpenSsl.run(dir, "req", "-in", "hashed.pem", "-verify", "-noout", "-text").assertSuccess().output();
            String expected = hash.name().toLowerCase(java.util.Locale.ROOT) + "With"
                    + (keys.getPublic().getAlgorithm().equals("RSA") ? "RSAEncryption" : "");
            assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains(("Signature Algorithm: " + expected).toLowerCase(java.util.Locale.ROOT))
                    || text.contains("ecdsa-with-" + hash.name()), text);
        }
        assertEquals(Csrs.HashChoice.SHA384, Csrs.HashChoice.of("sha-384"));
        assertNull(Csrs.HashChoice.of(null));
        assertThrows(IllegalArgumentException.class, () -> Csrs.HashChoice.of("SHA1"));
    }

    @Test
    void nonAsciiChallengeAndNoOptionalParts() {
        ParsedCsr withUtf8 = Csrs.parse(Csrs.build(TestKeys.ec(), "CN=ümlaut", null, "pässwort"));
        assertEquals("pässwort", withUtf8.challengePassword());
        assertEquals("CN=ümlaut", withUtf8.subjectDn());
        ParsedCsr bare = Csrs.parse(Csrs.build(TestKeys.ec(), "CN=bare", List.of(), null));
        assertNull(bare.challengePassword());
        assertEquals(List.of(), bare.subjectAltNames());
    }

    @Test
    void parsesAnOpenSslRequestWithChallengePasswordAndSan() {
        OpenSsl.write(dir, "req.cnf", String.join("\n",
                "[req]",
                "prompt = no",
                "distinguished_name = dn",
                "attributes = attrs",
                "[dn]",
                "C = DE",
                "O = Example Org",
                "CN = openssl-device",
                "[attrs]",
                "challengePassword = s3cret-Challenge",
                ""));
        OpenSsl.run(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-config", "req.cnf",
                "-addext", "subjectAltName=DNS:x.example.test,email:x@example.test", "-outform", "DER", "-out",
                "req.der").assertSuccess();
        ParsedCsr csr = Csrs.parse(OpenSsl.read(dir.resolve("req.der")));
        assertEquals("CN=openssl-device,O=Example Org,C=DE", csr.subjectDn());
        assertTrue(SubjectNames.same("cn=OPENSSL-device, o=example org, c=de", csr.subjectDn()));
        assertEquals(KeyAlgorithm.RSA_2048, csr.keyAlgorithm());
        assertEquals("s3cret-Challenge", csr.challengePassword());
        assertEquals(List.of(San.dns("x.example.test"), San.email("x@example.test")), csr.subjectAltNames());
        assertFalse(csr.requestsCa());
    }

    @Test
    void reportsOddKeysAndCaRequestsFromOpenSsl() {
        OpenSsl.run(dir, "req", "-new", "-newkey", "rsa:1024", "-nodes", "-keyout", "small.key", "-subj",
                "/CN=small", "-addext", "basicConstraints=critical,CA:TRUE", "-outform", "DER", "-out",
                "small.der").assertSuccess();
        ParsedCsr small = Csrs.parse(OpenSsl.read(dir.resolve("small.der")));
        assertNull(small.keyAlgorithm(), "RSA-1024 is not one of the enum sizes");
        assertEquals("RSA", small.keyFamily());
        assertEquals(1024, small.keySize());
        assertTrue(small.requestsCa());

        OpenSsl.run(dir, "req", "-new", "-newkey", "ed25519", "-nodes", "-keyout", "ed.key", "-subj", "/CN=ed",
                "-outform", "DER", "-out", "ed.der").assertSuccess();
        CsrException unsupported = assertThrows(CsrException.class,
                () -> Csrs.parse(OpenSsl.read(dir.resolve("ed.der"))));
        assertTrue(unsupported.getMessage().contains("unsupported"), unsupported.getMessage());
    }

    @Test
    void tamperedAndGarbageRequestsAreRejected() {
        byte[] der = Csrs.build(TestKeys.rsa(), "CN=honest-device", List.of(San.dns("honest.example.test")), null);
        byte[] tampered = der.clone();
        int at = indexOf(tampered, "honest-device".getBytes());
        tampered[at] = 'H';
        CsrException badSignature = assertThrows(CsrException.class, () -> Csrs.parse(tampered));
        assertTrue(badSignature.getMessage().contains("signature"), badSignature.getMessage());

        assertThrows(CsrException.class, () -> Csrs.parse(new byte[] {0x30, 0x03, 0x02, 0x01}));
        assertThrows(CsrException.class, () -> Csrs.parse("definitely not DER".getBytes()));
        assertThrows(CsrException.class, () -> Csrs.parse(new byte[0]));
        assertThrows(CsrException.class, () -> Csrs.parse(null));
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 2);
        assertThrows(CsrException.class, () -> Csrs.parse(trailing));
        assertThrows(CsrException.class, () -> Csrs.parsePem("no pem"));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("needle not found");
    }
}
