package io.stratus.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorIdentifierOrKey;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.ecc.ECCCMSSharedInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.operator.GenericKey;

/**
 * A CMS KeyAgreeRecipientInfo for one EC recipient (RFC 5753, ephemeral-static ECDH), with the elliptic-curve work in
 * the fast provider (ACCP): BouncyCastle's own generator does the ephemeral key and the agreement in Java, which was
 * three quarters of profile-service's CPU when it seals a challenge per device. The structure is the one
 * BouncyCastle writes and OpenSSL reads: originator = the ephemeral public key, key encryption =
 * dhSinglePass-stdDH-sha256kdf-scheme with AES-256 key wrap, the KEK from the ANSI X9.63 KDF with SHA-256 over the
 * shared secret and the DER ECC-CMS-SharedInfo, one recipient entry addressed by {@code recipientId}.
 */
final class EcdhRecipientInfoGenerator implements org.bouncycastle.cms.RecipientInfoGenerator {

    private static final int KEK_BITS = 256;
    private static final AlgorithmIdentifier KEY_WRAP = new AlgorithmIdentifier(CMSAlgorithm.AES256_WRAP);

    private final KeyAgreeRecipientIdentifier recipientId;
    private final PublicKey recipient;

    EcdhRecipientInfoGenerator(KeyAgreeRecipientIdentifier recipientId, PublicKey recipient) {
        this.recipientId = recipientId;
        this.recipient = recipient;
    }

    @Override
    public RecipientInfo generate(GenericKey contentEncryptionKey) throws CMSException {
        byte[] sharedSecret = null;
        byte[] kek = null;
        try {
            KeyPair ephemeral = ephemeralPair();
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Providers.fast());
            agreement.init(ephemeral.getPrivate());
            agreement.doPhase(recipient, true);
            sharedSecret = agreement.generateSecret();
            kek = x963Kdf(sharedSecret, sharedInfo());
            Cipher wrap = Cipher.getInstance("AESWrap");
            wrap.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
            byte[] wrapped = wrap.wrap(secretKey(contentEncryptionKey));

            SubjectPublicKeyInfo originator = SubjectPublicKeyInfo.getInstance(ephemeral.getPublic().getEncoded());
            RecipientEncryptedKey encryptedKey = new RecipientEncryptedKey(recipientId, new DEROctetString(wrapped));
            return new RecipientInfo(new KeyAgreeRecipientInfo(
                    new OriginatorIdentifierOrKey(new OriginatorPublicKey(originator.getAlgorithm(),
                            originator.getPublicKeyData().getBytes())),
                    null, new AlgorithmIdentifier(CMSAlgorithm.ECDH_SHA256KDF, KEY_WRAP),
                    new DERSequence(encryptedKey)));
        } catch (GeneralSecurityException | IOException e) {
            throw new CMSException("cannot agree an ECDH key with the recipient: " + e.getMessage(), e);
        } finally {
            wipe(sharedSecret);
            wipe(kek);
        }
    }

    /** ECC-CMS-SharedInfo: the key-wrap algorithm, no user keying material, and the KEK's length in bits. */
    private static byte[] sharedInfo() throws IOException {
        byte[] kekBits = ByteBuffer.allocate(4).putInt(KEK_BITS).array();
        return new ECCCMSSharedInfo(KEY_WRAP, kekBits).getEncoded(ASN1Encoding.DER);
    }

    /** ANSI X9.63 KDF with SHA-256 for one block: SHA-256(Z || 00000001 || SharedInfo). */
    private static byte[] x963Kdf(byte[] sharedSecret, byte[] sharedInfo) throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(sharedSecret);
        sha256.update(new byte[] {0, 0, 0, 1});
        sha256.update(sharedInfo);
        return sha256.digest();
    }

    private KeyPair ephemeralPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.fast());
        generator.initialize(new ECGenParameterSpec(curveOf(recipient)));
        return generator.generateKeyPair();
    }

    static String curveOf(PublicKey recipient) {
        switch (KeyAlgorithm.sizeOf(recipient)) {
            case 256:
                return "secp256r1";
            case 384:
                return "secp384r1";
            case 521:
                return "secp521r1";
            default:
                throw new IllegalArgumentException("unsupported EC recipient key (P-256, P-384, P-521 only)");
        }
    }

    private static Key secretKey(GenericKey contentEncryptionKey) {
        Object representation = contentEncryptionKey.getRepresentation();
        if (representation instanceof Key) {
            return (Key) representation;
        }
        if (representation instanceof byte[]) {
            return new SecretKeySpec((byte[]) representation, "AES");
        }
        throw new IllegalArgumentException("unknown content-encryption key: " + representation.getClass().getName());
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
