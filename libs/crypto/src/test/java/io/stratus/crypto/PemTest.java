package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path dir;

    @Test
    void certificatesRoundTripOneAndMany() {
        TestPki pki = TestPki.create(KeyAlgorithm.EC_P256);
        String one = Pem.encode(pki.root());
        assertTrue(one.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(one.endsWith("-----END CERTIFICATE-----\n"));
        for (String line : one.split("\n")) {
            assertTrue(line.length() <= 64, "PEM lines are at most 64 characters");
        }
        assertEquals(pki.root(), Pem.certificate(one));
        assertEquals(pki.root(), Pem.certificate(Pem.der(pki.root())));

        String chain = "leading text\n" + Pem.encode(List.of(pki.issuing(), pki.root())) + "trailing";
        List<X509Certificate> parsed = Pem.certificates(chain);
        assertEquals(List.of(pki.issuing(), pki.root()), parsed);
        assertEquals(List.of(), Pem.certificates("nothing here"));
        assertThrows(IllegalArgumentException.class, () -> Pem.certificate("nothing here"));
        assertThrows(IllegalArgumentException.class, () -> Pem.certificate(new byte[] {1, 2, 3}));

        OpenSsl.write(dir, "chain.pem", Pem.encode(List.of(pki.issuing(), pki.root())));
        String text = OpenSsl.run(dir, "crl2pkcs7", "-nocrl", "-certfile", "chain.pem").assertSuccess().output();
        assertEquals(parsed, Pem.certificatesFromBytes(text.getBytes()), "PKCS#7 bundle from OpenSSL");
    }

    @Test
    void publicKeysRoundTripAsPemAndBareBase64AndOpenSslReadsThem() {
        for (PublicKey key : List.of(TestKeys.rsa().getPublic(), TestKeys.ec().getPublic())) {
            String pem = Pem.encodePublicKey(key);
            assertArrayEquals(key.getEncoded(), Pem.publicKey(pem).getEncoded());
            String bare = Base64.getEncoder().encodeToString(key.getEncoded());
            assertArrayEquals(key.getEncoded(), Pem.publicKey(bare).getEncoded());
            OpenSsl.write(dir, "key.pem", pem);
            OpenSsl.run(dir, "pkey", "-pubin", "-in", "key.pem", "-noout").assertSuccess();
        }
        assertThrows(IllegalArgumentException.class, () -> Pem.publicKey("bm90IGEga2V5"));
        assertThrows(IllegalArgumentException.class, () -> Pem.publicKey(""));
    }

    @Test
    void csrPemRoundTrip() {
        byte[] der = Csrs.build(TestKeys.ec(), "CN=pem", List.of(), null);
        String pem = Pem.encodeCsr(der);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        assertArrayEquals(der, Pem.csr(pem));
    }
}
