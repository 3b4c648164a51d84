package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;

class SoftwareKeyProtectionTest {

    private static final byte[] KEK = KeyWrapping.newKek();

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256", "EC_P384"})
    void generatedKeyOpensFromItsBlobAndSigns(KeyAlgorithm algorithm) throws Exception {
        CaKeyProtection keys = new SoftwareKeyProtection(KEK);
        GeneratedCaKey generated = keys.generate("ca-1", algorithm);
        assertEquals("software", keys.kind());
        assertTrue(generated.key().exportable());

        CaSigningKey opened = keys.open("ca-1", algorithm, generated.reference());
        assertArrayEquals(generated.key().publicKey().getEncoded(), opened.publicKey().getEncoded(),
                "the public key is recomputed from the private key");
        assertEquals(algorithm, KeyAlgorithm.of(opened.publicKey()));
        X509Certificate root = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Software Root", algorithm, null,
                Instant.now().plus(Duration.ofDays(1))), opened.keyPair());
        root.verify(generated.key().publicKey());
        assertNotNull(opened.contentSigner());
    }

    @Test
    void blobOpensOnlyForItsCaAndKek() {
        SoftwareKeyProtection keys = new SoftwareKeyProtection(KEK);
        byte[] blob = keys.generate("ca-1", KeyAlgorithm.EC_P256).reference();
        assertThrows(KeyWrappingException.class, () -> keys.open("ca-2", KeyAlgorithm.EC_P256, blob));
        assertThrows(KeyWrappingException.class,
                () -> new SoftwareKeyProtection(KeyWrapping.newKek()).open("ca-1", KeyAlgorithm.EC_P256, blob));
        assertThrows(IllegalArgumentException.class, () -> keys.open("ca-1", KeyAlgorithm.EC_P384, blob),
                "a P-256 key is not a P-384 key");
        assertThrows(KeyWrappingException.class, () -> keys.open("ca-1", KeyAlgorithm.RSA_2048, blob));
        assertThrows(IllegalArgumentException.class, () -> new SoftwareKeyProtection(new byte[16]));
        assertFalse(keys.toString().contains(HexFormat.of().formatHex(KEK)));
    }

    @Test
    void rewrapMovesABlobToANewKekWithoutRekeying() {
        byte[] oldKek = KeyWrapping.newKek();
        byte[] newKek = KeyWrapping.newKek();
        SoftwareKeyProtection before = new SoftwareKeyProtection(oldKek);
        SoftwareKeyProtection after = new SoftwareKeyProtection(newKek);
        GeneratedCaKey generated = before.generate("ca-rotate", KeyAlgorithm.RSA_2048);

        byte[] rewrapped = after.rewrapFrom("ca-rotate", generated.reference(), oldKek);
        assertFalse(Arrays.equals(generated.reference(), rewrapped));
        CaSigningKey opened = after.open("ca-rotate", KeyAlgorithm.RSA_2048, rewrapped);
        assertArrayEquals(generated.key().privateKey().getEncoded(), opened.privateKey().getEncoded(), "same key");
        assertThrows(KeyWrappingException.class, () -> before.open("ca-rotate", KeyAlgorithm.RSA_2048, rewrapped));
        assertThrows(KeyWrappingException.class,
                () -> after.rewrapFrom("ca-rotate", generated.reference(), KeyWrapping.newKek()), "wrong old KEK");
        assertThrows(KeyWrappingException.class,
                () -> after.rewrapFrom("ca-other", generated.reference(), oldKek), "blob of another CA");

        // the static form, also for blobs wrapped without additional data
        byte[] plain = KeyWrapping.wrap(TestKeys.ec().getPrivate(), oldKek);
        byte[] moved = SoftwareKeyProtection.rewrap(plain, oldKek, newKek, null);
        assertArrayEquals(TestKeys.ec().getPrivate().getEncoded(), KeyWrapping.unwrap(moved, newKek, "EC").getEncoded());
        byte[] bound = KeyWrapping.rewrap(generated.reference(), oldKek, newKek,
                "ca-rotate".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, bound[0], "version byte");
        assertThrows(IllegalArgumentException.class, () -> KeyWrapping.rewrap(plain, oldKek, new byte[31], null));
    }
}
