package io.stratus.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.RecipientKeyIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * CMS recipients for EnvelopedData: RSA key transport (OAEP-SHA256 or PKCS#1 v1.5 for SCEP) and
 * EC key agreement (ephemeral-static ECDH with the SHA-256 KDF and AES-256 key wrap).
 */
public final class CmsRecipients {

    private CmsRecipients() {
    }

    /** RSA-OAEP (SHA-256, MGF1-SHA-256) recipient addressed by a subject key identifier. */
    public static RecipientInfoGenerator rsaOaep(byte[] subjectKeyId, PublicKey recipient) {
        try {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_RSAES_OAEP, new OAEPParameterSpec("SHA-256", "MGF1",
                            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            // BouncyCastle: the fast providers do not take RSAES-OAEP by its OID
            return new JceKeyTransRecipientInfoGenerator(subjectKeyId, oaep, recipient)
                    .setProvider(Providers.bouncyCastle());
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot set up RSA-OAEP", e);
        }
    }

    /**
     * RSA PKCS#1 v1.5 recipient addressed by issuer and serial (what SCEP clients expect). The key transport runs in
     * the fast provider: BouncyCastle's RSA validates every new modulus with a primality test (about 5 ms of CPU per
     * device key, measured), which made the CertRep envelope the most expensive step of an enrollment.
     */
    public static RecipientInfoGenerator rsaPkcs1(X509Certificate recipient) {
        try {
            return new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Providers.fast());
        } catch (CertificateEncodingException e) {
            throw new CryptoException("cannot read recipient certificate", e);
        }
    }

    /** ECDH recipient addressed by a subject key identifier. */
    public static RecipientInfoGenerator ecdh(byte[] subjectKeyId, PublicKey recipient) {
        return new EcdhRecipientInfoGenerator(new KeyAgreeRecipientIdentifier(new RecipientKeyIdentifier(subjectKeyId)),
                recipient);
    }

    /** ECDH recipient addressed by issuer and serial of its certificate. */
    public static RecipientInfoGenerator ecdh(X509Certificate recipient) {
        X500Name issuer = X500Name.getInstance(recipient.getIssuerX500Principal().getEncoded());
        return new EcdhRecipientInfoGenerator(new KeyAgreeRecipientIdentifier(
                new IssuerAndSerialNumber(issuer, recipient.getSerialNumber())), recipient.getPublicKey());
    }

    /** The right recipient for a certificate's key: PKCS#1 v1.5 for RSA, ECDH for EC. */
    public static RecipientInfoGenerator forCertificate(X509Certificate recipient) {
        String family = KeyAlgorithm.familyOf(recipient.getPublicKey());
        if (KeyAlgorithm.EC.equals(family)) {
            return ecdh(recipient);
        }
        if (KeyAlgorithm.RSA.equals(family)) {
            return rsaPkcs1(recipient);
        }
        throw new IllegalArgumentException("cannot encrypt to a " + family + " key");
    }

    /**
     * The recipient entries a private key may open: those addressed to {@code certificate} (issuer and
     * serial, or its key identifier) or to {@code publicKey}'s key identifier; when none matches (or both
     * are null), every entry, so unusual addressing still gets a decryption attempt.
     */
    public static List<RecipientInformation> candidates(RecipientInformationStore store, PublicKey publicKey,
            X509Certificate certificate) {
        List<RecipientId> ids = new ArrayList<>();
        if (certificate != null) {
            X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
            ids.add(new KeyTransRecipientId(issuer, certificate.getSerialNumber(), KeyIdentifiers.of(certificate)));
            ids.add(new KeyAgreeRecipientId(issuer, certificate.getSerialNumber()));
            ids.add(new KeyAgreeRecipientId(KeyIdentifiers.of(certificate)));
        }
        if (publicKey != null) {
            byte[] keyId = KeyIdentifiers.of(publicKey);
            ids.add(new KeyTransRecipientId(keyId));
            ids.add(new KeyAgreeRecipientId(keyId));
        }
        List<RecipientInformation> out = new ArrayList<>();
        for (RecipientId id : ids) {
            for (RecipientInformation match : store.getRecipients(id)) {
                if (!out.contains(match)) {
                    out.add(match);
                }
            }
        }
        if (out.isEmpty()) {
            out.addAll(store.getRecipients());
        }
        return out;
    }

    /**
     * The content of the first candidate entry the private key opens; none → CMSException. RSA key
     * transport runs on the fast provider first (falling back to BouncyCastle); content decryption and
     * ECDH use BouncyCastle.
     */
    public static byte[] decrypt(RecipientInformationStore store, PrivateKey privateKey, PublicKey publicKey,
            X509Certificate certificate) throws CMSException {
        List<RecipientInformation> candidates = candidates(store, publicKey, certificate);
        if (candidates.isEmpty()) {
            throw new CMSException("message is not encrypted to this recipient");
        }
        CMSException last = null;
        for (RecipientInformation candidate : candidates) {
            for (Recipient recipient : recipientsFor(candidate, privateKey)) {
                try {
                    return candidate.getContent(recipient);
                } catch (CMSException | RuntimeException e) {
                    last = e instanceof CMSException ? (CMSException) e
                            : new CMSException("decryption failed", (Exception) e);
                }
            }
        }
        throw last;
    }

    private static List<Recipient> recipientsFor(RecipientInformation candidate, PrivateKey privateKey) {
        Provider bc = Providers.bouncyCastle();
        if (candidate.getRID().getType() == RecipientId.keyAgree) {
            return List.of(new JceKeyAgreeEnvelopedRecipient(privateKey).setProvider(bc));
        }
        return List.of(
                new JceKeyTransEnvelopedRecipient(privateKey).setProvider(Providers.fast()).setContentProvider(bc),
                new JceKeyTransEnvelopedRecipient(privateKey).setProvider(bc));
    }
}
