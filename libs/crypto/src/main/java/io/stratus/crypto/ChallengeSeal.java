package io.stratus.crypto;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;

/**
 * Seals a short secret (a one-time SCEP challenge) to a device's identity key as DER CMS EnvelopedData:
 * RSA keys get RSA-OAEP-SHA256 key transport, EC P-256/P-384 keys ECDH with the SHA-256 KDF and AES-256
 * key wrap; the content is AES-256-CBC. The recipient is addressed by the key's subject key identifier.
 * OpenSSL opens it with {@code openssl cms -decrypt -inform DER -inkey key.pem}.
 */
public final class ChallengeSeal {

    private ChallengeSeal() {
    }

    /** DER EnvelopedData of {@code secret} for the holder of {@code recipient}'s private key. */
    public static byte[] seal(byte[] secret, PublicKey recipient) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("nothing to seal");
        }
        byte[] keyId = KeyIdentifiers.of(recipient);
        String family = KeyAlgorithm.familyOf(recipient);
        RecipientInfoGenerator info;
        if (KeyAlgorithm.RSA.equals(family)) {
            info = CmsRecipients.rsaOaep(keyId, recipient);
        } else if (KeyAlgorithm.EC.equals(family)) {
            info = CmsRecipients.ecdh(keyId, recipient);
        } else {
            throw new IllegalArgumentException("cannot seal to a " + family + " key");
        }
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(info);
        try {
            CMSEnvelopedData enveloped = generator.generate(new CMSProcessableByteArray(secret),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                            .setProvider(Providers.bouncyCastle()).build());
            return enveloped.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new CryptoException("cannot seal secret", e);
        }
    }

    /**
     * Opens a sealed secret. {@code recipientPublicKey} selects the matching recipient entry (may be
     * null: every entry is tried). Wrong key or tampered data → {@link CryptoException}.
     */
    public static byte[] open(byte[] enveloped, PrivateKey recipientKey, PublicKey recipientPublicKey) {
        try {
            CMSEnvelopedData data = new CMSEnvelopedData(enveloped);
            return CmsRecipients.decrypt(data.getRecipientInfos(), recipientKey, recipientPublicKey, null);
        } catch (CMSException | RuntimeException e) {
            throw new CryptoException("sealed secret cannot be opened with this key");
        }
    }
}
