package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class KeyAlgorithmTest {

    @ParameterizedTest
    @CsvSource({
        "RSA_2048, RSA, 2048, SHA256withRSA",
        "RSA_3072, RSA, 3072, SHA384withRSA",
        "RSA_4096, RSA, 4096, SHA512withRSA",
        "EC_P256,  EC,  256,  SHA256withECDSA",
        "EC_P384,  EC,  384,  SHA384withECDSA"})
    void describesEachAlgorithm(KeyAlgorithm algorithm, String family, int size, String signature) {
        assertEquals(family, algorithm.family());
        assertEquals(size, algorithm.size());
        assertEquals(signature, algorithm.signatureAlgorithm());
        assertEquals(algorithm, KeyAlgorithm.of(family, size));
        assertEquals(algorithm, KeyAlgorithm.of(family.toLowerCase(), size));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatedKeysAreDetectedAndSign(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = TestKeys.pair(algorithm, 2);
        assertEquals(algorithm, KeyAlgorithm.of(keys.getPublic()));
        Signature signer = Providers.signature(algorithm.signatureAlgorithm());
        signer.initSign(keys.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
        verifier.initVerify(keys.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "JDK verifies what the fast provider signed");
    }

    @Test
    void keysFromOtherProvidersAreDetectedToo() throws Exception {
        KeyPairGenerator jdk = KeyPairGenerator.getInstance("EC", "SunEC");
        jdk.initialize(new ECGenParameterSpec("secp384r1"));
        assertEquals(KeyAlgorithm.EC_P384, KeyAlgorithm.of(jdk.generateKeyPair().getPublic()));
        assertEquals("EC", KeyAlgorithm.of("ECDSA", 256).family());
    }

    @Test
    void unknownSizesCurvesAndFamiliesAreRejected() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of("RSA", 1024));
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of("DSA", 2048));
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of(null, 2048));

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair small = rsa.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of(small.getPublic()));
        assertNull(KeyAlgorithm.find(small.getPublic()));
        assertEquals(1024, KeyAlgorithm.sizeOf(small.getPublic()));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "SunEC");
        ec.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair p521 = ec.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of(p521.getPublic()));
        assertEquals(521, KeyAlgorithm.sizeOf(p521.getPublic()));

        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        KeyPair edKeys = ed.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of(edKeys.getPublic()));
    }
}
