package io.stratus.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM envelope for private keys at rest.
 *
 * <p>Blob layout: version byte (1) | 12-byte random IV | ciphertext of the PKCS#8 encoding | 16-byte tag.
 * Optional additional authenticated data (a CA id, say) binds the blob to its context. Failures never
 * say why beyond "cannot be unwrapped", and no key material appears in messages.
 */
public final class KeyWrapping {

    public static final int KEK_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrapping() {
    }

    /** A fresh random 32-byte key-encryption key. */
    public static byte[] newKek() {
        byte[] kek = new byte[KEK_BYTES];
        RANDOM.nextBytes(kek);
        return kek;
    }

    public static byte[] wrap(PrivateKey key, byte[] kek32) {
        return wrap(key, kek32, null);
    }

    /** Encrypts the key's PKCS#8 encoding; {@code aad} (may be null) must be given again to unwrap. */
    public static byte[] wrap(PrivateKey key, byte[] kek32, byte[] aad) {
        checkKek(kek32);
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null || !"PKCS#8".equalsIgnoreCase(key.getFormat())) {
            throw new IllegalArgumentException("the private key cannot be exported (hardware key?)");
        }
        try {
            return seal(pkcs8, kek32, aad);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    public static PrivateKey unwrap(byte[] blob, byte[] kek32, String keyFamily) {
        return unwrap(blob, kek32, keyFamily, null);
    }

    /** Decrypts a blob from {@link #wrap}; {@code keyFamily} is "RSA" or "EC". */
    public static PrivateKey unwrap(byte[] blob, byte[] kek32, String keyFamily, byte[] aad) {
        checkKek(kek32);
        byte[] pkcs8 = open(blob, kek32, aad);
        try {
            return Providers.keyFactory(normalizedFamily(keyFamily)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyWrappingException("unwrapped data is not a " + keyFamily + " private key");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Re-encrypts a blob from {@link #wrap} under a new key-encryption key (KEK rotation without re-keying the
     * CA). The key itself is not parsed; the plaintext exists only briefly in memory and is zeroed. {@code aad}
     * (may be null) is the one the blob was wrapped with and stays bound to the new blob.
     *
     * @throws KeyWrappingException when {@code oldKek} or {@code aad} do not open the blob
     */
    public static byte[] rewrap(byte[] blob, byte[] oldKek32, byte[] newKek32, byte[] aad) {
        checkKek(oldKek32);
        checkKek(newKek32);
        byte[] pkcs8 = open(blob, oldKek32, aad);
        try {
            return seal(pkcs8, newKek32, aad);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static byte[] seal(byte[] plaintext, byte[] kek32, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Providers.cipher(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek32, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("private key wrapping failed");
        }
    }

    private static byte[] open(byte[] blob, byte[] kek32, byte[] aad) {
        if (blob == null || blob.length < 1 + IV_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new KeyWrappingException("wrapped key has an unknown format");
        }
        try {
            Cipher cipher = Providers.cipher(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek32, "AES"),
                    new GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(blob, 1 + IV_BYTES, blob.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyWrappingException("wrapped key cannot be unwrapped (wrong key-encryption key or tampered blob)");
        }
    }

    private static String normalizedFamily(String keyFamily) {
        if (keyFamily == null) {
            throw new IllegalArgumentException("key family is missing");
        }
        String upper = keyFamily.trim().toUpperCase(java.util.Locale.ROOT);
        return upper.equals("ECDSA") ? KeyAlgorithm.EC : upper;
    }

    private static void checkKek(byte[] kek) {
        if (kek == null || kek.length != KEK_BYTES) {
            throw new IllegalArgumentException("key-encryption key must be 32 bytes");
        }
    }
}
