package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyWrappingTest {

    private static final byte[] KEK = KeyWrapping.newKek();
    private static final byte[] AAD = "ca:3f2a".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256", "EC_P384"})
    void roundTripGivesAWorkingKey(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = TestKeys.pair(algorithm, 2);
        byte[] blob = KeyWrapping.wrap(keys.getPrivate(), KEK);
        assertEquals(1, blob[0], "version byte");
        PrivateKey unwrapped = KeyWrapping.unwrap(blob, KEK, algorithm.family());
        assertArrayEquals(keys.getPrivate().getEncoded(), unwrapped.getEncoded());

        Signature signer = Providers.signature(algorithm.signatureAlgorithm());
        signer.initSign(unwrapped);
        signer.update(AAD);
        Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
        verifier.initVerify(keys.getPublic());
        verifier.update(AAD);
        assertTrue(verifier.verify(signer.sign()));

        byte[] again = KeyWrapping.wrap(keys.getPrivate(), KEK);
        assertFalse(java.util.Arrays.equals(blob, again), "fresh IV every time");
    }

    @Test
    void additionalDataBindsTheBlob() {
        KeyPair keys = TestKeys.ec();
        byte[] blob = KeyWrapping.wrap(keys.getPrivate(), KEK, AAD);
        assertArrayEquals(keys.getPrivate().getEncoded(), KeyWrapping.unwrap(blob, KEK, "EC", AAD).getEncoded());
        assertThrows(KeyWrappingException.class, () -> KeyWrapping.unwrap(blob, KEK, "EC"));
        assertThrows(KeyWrappingException.class,
                () -> KeyWrapping.unwrap(blob, KEK, "EC", "ca:other".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongKekFailsWithoutLeakingAnything() {
        KeyPair keys = TestKeys.rsa();
        byte[] blob = KeyWrapping.wrap(keys.getPrivate(), KEK);
        byte[] otherKek = KeyWrapping.newKek();
        assertNotEquals(HexFormat.of().formatHex(KEK), HexFormat.of().formatHex(otherKek));
        KeyWrappingException failure = assertThrows(KeyWrappingException.class,
                () -> KeyWrapping.unwrap(blob, otherKek, "RSA"));
        String message = failure.getMessage();
        assertNoSecret(message, KEK, otherKek, keys.getPrivate().getEncoded());
        assertEquals(null, failure.getCause(), "no underlying exception carried along");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 13, 100, -1})
    void anyFlippedByteFails(int position) {
        byte[] blob = KeyWrapping.wrap(TestKeys.ec().getPrivate(), KEK);
        int at = position < 0 ? blob.length + position : position;
        blob[at] ^= 0x01;
        assertThrows(KeyWrappingException.class, () -> KeyWrapping.unwrap(blob, KEK, "EC"));
    }

    @Test
    void badInputsAreRejected() {
        PrivateKey key = TestKeys.ec().getPrivate();
        assertThrows(IllegalArgumentException.class, () -> KeyWrapping.wrap(key, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> KeyWrapping.unwrap(new byte[64], null, "EC"));
        assertThrows(KeyWrappingException.class, () -> KeyWrapping.unwrap(new byte[5], KEK, "EC"));
        byte[] blob = KeyWrapping.wrap(key, KEK);
        assertThrows(KeyWrappingException.class, () -> KeyWrapping.unwrap(blob, KEK, "RSA"),
                "an EC key does not decode as RSA");
        assertEquals(32, KeyWrapping.newKek().length);
    }

    private static void assertNoSecret(String message, byte[]... secrets) {
        for (byte[] secret : secrets) {
            assertFalse(message.contains(HexFormat.of().formatHex(secret)));
            assertFalse(message.contains(Base64.getEncoder().encodeToString(secret)));
        }
    }
}
