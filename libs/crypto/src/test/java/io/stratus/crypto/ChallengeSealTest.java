package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;

import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChallengeSealTest {

    private static final byte[] SECRET = "challenge-4f9c2b7e".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256", "EC_P384"})
    void sealsAndOpensAndOpenSslAgrees(KeyAlgorithm algorithm) throws Exception {
        KeyPair device = TestKeys.pair(algorithm, 2);
        byte[] sealed = ChallengeSeal.seal(SECRET, device.getPublic());

        assertArrayEquals(SECRET, ChallengeSeal.open(sealed, device.getPrivate(), device.getPublic()));
        assertArrayEquals(SECRET, ChallengeSeal.open(sealed, device.getPrivate(), null));

        CMSEnvelopedData parsed = new CMSEnvelopedData(sealed);
        assertEquals("2.16.840.1.101.3.4.1.42", parsed.getEncryptionAlgOID(), "AES-256-CBC");
        RecipientInformation recipient = parsed.getRecipientInfos().getRecipients().iterator().next();
        String expectedKeyEncryption = algorithm.family().equals("RSA") ? "1.2.840.113549.1.1.7" // RSAES-OAEP
                : "1.3.132.1.11.1"; // dhSinglePass-stdDH-sha256kdf-scheme
        assertEquals(expectedKeyEncryption, recipient.getKeyEncryptionAlgOID());

        OpenSsl.write(dir, "sealed.der", sealed);
        OpenSsl.write(dir, "key.pem", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(device.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        OpenSsl.run(dir, "cms", "-decrypt", "-inform", "DER", "-in", "sealed.der", "-inkey", "key.pem", "-out",
                "secret.bin").assertSuccess();
        assertArrayEquals(SECRET, OpenSsl.read(dir.resolve("secret.bin")));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256"})
    void anotherKeyCannotOpen(KeyAlgorithm algorithm) {
        KeyPair device = TestKeys.pair(algorithm, 2);
        KeyPair other = TestKeys.pair(algorithm, 1);
        byte[] sealed = ChallengeSeal.seal(SECRET, device.getPublic());
        assertThrows(CryptoException.class, () -> ChallengeSeal.open(sealed, other.getPrivate(), other.getPublic()));
        assertThrows(CryptoException.class, () -> ChallengeSeal.open(sealed, other.getPrivate(), null));
    }

    @Test
    void garbageAndEmptyInputsAreRejected() {
        KeyPair device = TestKeys.ec();
        assertThrows(CryptoException.class, () -> ChallengeSeal.open(new byte[] {1, 2, 3}, device.getPrivate(),
                device.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> ChallengeSeal.seal(new byte[0], device.getPublic()));
    }
}
