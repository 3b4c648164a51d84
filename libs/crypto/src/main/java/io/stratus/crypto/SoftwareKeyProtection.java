package io.stratus.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;

/**
 * CA keys generated in software (fast provider) and kept at rest as {@link KeyWrapping} blobs under a 32-byte
 * key-encryption key, with the CA id (UTF-8) as additional authenticated data so a blob only opens for its CA.
 * The caller stores the blob; {@link #open} unwraps it. {@link #rewrapFrom} moves a blob to this instance's KEK
 * (rotation without re-keying the CA).
 */
public final class SoftwareKeyProtection implements CaKeyProtection {

    public static final String KIND = "software";

    private final byte[] kek;

    /** {@code kek32}: the current key-encryption key (copied). */
    public SoftwareKeyProtection(byte[] kek32) {
        if (kek32 == null || kek32.length != KeyWrapping.KEK_BYTES) {
            throw new IllegalArgumentException("key-encryption key must be 32 bytes");
        }
        this.kek = kek32.clone();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public GeneratedCaKey generate(String caId, KeyAlgorithm algorithm) {
        checkCaId(caId);
        KeyPair keys = algorithm.generate();
        byte[] blob = KeyWrapping.wrap(keys.getPrivate(), kek, aad(caId));
        return new GeneratedCaKey(new CaSigningKey(caId, algorithm, keys.getPrivate(), keys.getPublic(),
                Providers.fast()), blob);
    }

    @Override
    public CaSigningKey open(String caId, KeyAlgorithm algorithm, byte[] reference) {
        checkCaId(caId);
        PrivateKey key = KeyWrapping.unwrap(reference, kek, algorithm.family(), aad(caId));
        PublicKey publicKey = publicKeyOf(key);
        KeyAlgorithm actual = KeyAlgorithm.find(publicKey);
        if (actual != algorithm) {
            throw new IllegalArgumentException("the key of CA " + caId + " is " + actual + ", not " + algorithm);
        }
        return new CaSigningKey(caId, algorithm, key, publicKey, Providers.fast());
    }

    /** Re-encrypts a blob of CA {@code caId} that was wrapped under {@code oldKek32} with this instance's KEK. */
    public byte[] rewrapFrom(String caId, byte[] blob, byte[] oldKek32) {
        checkCaId(caId);
        return KeyWrapping.rewrap(blob, oldKek32, kek, aad(caId));
    }

    /** See {@link KeyWrapping#rewrap}; {@code aad} for blobs of this class is the CA id in UTF-8. */
    public static byte[] rewrap(byte[] blob, byte[] oldKek32, byte[] newKek32, byte[] aad) {
        return KeyWrapping.rewrap(blob, oldKek32, newKek32, aad);
    }

    /** The additional authenticated data that binds a blob to its CA. */
    public static byte[] aad(String caId) {
        return caId.getBytes(StandardCharsets.UTF_8);
    }

    /** Recomputes the public key of an RSA (CRT) or EC private key. */
    static PublicKey publicKeyOf(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey) {
                RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
                return Providers.keyFactory(KeyAlgorithm.RSA)
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (key instanceof ECPrivateKey) {
                ECPrivateKey ec = (ECPrivateKey) key;
                ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
                java.security.spec.ECPoint w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                        q.getAffineYCoord().toBigInteger());
                return Providers.keyFactory(KeyAlgorithm.EC).generatePublic(new ECPublicKeySpec(w, ec.getParams()));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoException("cannot derive the public key of a " + key.getAlgorithm() + " key");
        }
        throw new IllegalArgumentException("unsupported CA key type " + key.getAlgorithm());
    }

    private static void checkCaId(String caId) {
        if (caId == null || caId.isBlank()) {
            throw new IllegalArgumentException("CA id is required");
        }
    }

    @Override
    public String toString() {
        return "SoftwareKeyProtection[kek=redacted]";
    }

    /** Zeroes this instance's copy of the KEK; the instance is unusable afterwards. */
    public void destroy() {
        Arrays.fill(kek, (byte) 0);
    }
}
