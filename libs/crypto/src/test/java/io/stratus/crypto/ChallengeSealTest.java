package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
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

    /**
     * The ECDH recipient is built with the fast provider's key agreement, not BouncyCastle's generator: apart from the
     * ephemeral key and the wrapped key, its entry is byte for byte the one BouncyCastle writes (originator key
     * algorithm, key-encryption algorithm, recipient id), so every reader of the old seals reads the new ones.
     */
    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384"})
    void theEcdhEntryHasTheShapeBouncyCastleWrites(KeyAlgorithm algorithm) throws Exception {
        KeyPair device = TestKeys.pair(algorithm, 2);
        byte[] keyId = KeyIdentifiers.of(device.getPublic());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
        generator.initialize(new ECGenParameterSpec(EcdhRecipientInfoGenerator.curveOf(device.getPublic())));
        KeyPair ephemeral = generator.generateKeyPair();
        CMSEnvelopedDataGenerator reference = new CMSEnvelopedDataGenerator();
        reference.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .setProvider(Providers.bouncyCastle()).addRecipient(keyId, device.getPublic()));
        byte[] bouncyCastles = reference.generate(new CMSProcessableByteArray(SECRET),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Providers.bouncyCastle())
                        .build()).getEncoded();

        KeyAgreeRecipientInfo ours = agreement(ChallengeSeal.seal(SECRET, device.getPublic()));
        KeyAgreeRecipientInfo theirs = agreement(bouncyCastles);
        assertEquals(theirs.getVersion(), ours.getVersion());
        assertEquals(OriginatorPublicKey.getInstance(theirs.getOriginator().getOriginatorKey()).getAlgorithm(),
                OriginatorPublicKey.getInstance(ours.getOriginator().getOriginatorKey()).getAlgorithm());
        assertEquals(theirs.getKeyEncryptionAlgorithm(), ours.getKeyEncryptionAlgorithm());
        assertEquals(theirs.getUserKeyingMaterial(), ours.getUserKeyingMaterial());
        RecipientEncryptedKey ourKey = RecipientEncryptedKey.getInstance(ours.getRecipientEncryptedKeys()
                .getObjectAt(0));
        RecipientEncryptedKey theirKey = RecipientEncryptedKey.getInstance(theirs.getRecipientEncryptedKeys()
                .getObjectAt(0));
        assertEquals(theirKey.getIdentifier(), ourKey.getIdentifier());
        assertEquals(theirKey.getEncryptedKey().getOctets().length, ourKey.getEncryptedKey().getOctets().length);
        assertArrayEquals(SECRET, ChallengeSeal.open(bouncyCastles, device.getPrivate(), device.getPublic()),
                "the reference itself opens");
    }

    /**
     * One value in 256 (a private key, a coordinate, the shared secret) starts with a zero byte, and an encoding that
     * drops it breaks the seal: fresh device keys, read back as profile-service reads them, every seal opened. With
     * 3,000 keys a dropped zero in any of them would show (the chance to miss it is below 1e-5).
     */
    @Test
    void everySealOpensWhateverItsKeysStartWith() throws Exception {
        KeyFactory bouncyCastle = KeyFactory.getInstance("EC", Providers.bouncyCastle());
        for (int i = 0; i < 3000; i++) {
            KeyPair device = KeyAlgorithm.EC_P256.generate();
            PublicKey registered = i % 2 == 0 ? Pem.publicKey(device.getPublic().getEncoded())
                    : bouncyCastle.generatePublic(new X509EncodedKeySpec(device.getPublic().getEncoded()));
            byte[] sealed = ChallengeSeal.seal(SECRET, registered);
            assertArrayEquals(SECRET, ChallengeSeal.open(sealed, device.getPrivate(), device.getPublic()), "seal " + i);
        }
    }

    private static KeyAgreeRecipientInfo agreement(byte[] enveloped) throws Exception {
        EnvelopedData data = EnvelopedData.getInstance(ContentInfo.getInstance(enveloped).getContent());
        return KeyAgreeRecipientInfo.getInstance(RecipientInfo.getInstance(data.getRecipientInfos().getObjectAt(0))
                .getInfo());
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
