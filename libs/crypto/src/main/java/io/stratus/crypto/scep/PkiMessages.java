package io.stratus.crypto.scep;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.stratus.crypto.CmsRecipients;
import io.stratus.crypto.ContentSigners;
import io.stratus.crypto.CryptoException;
import io.stratus.crypto.Providers;

/** CMS plumbing shared by the SCEP client and server: signing, enveloping, verifying. */
final class PkiMessages {

    static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PkiMessages() {
    }

    static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** DER EnvelopedData (as ContentInfo) of {@code content} for the certificate's key. */
    static byte[] envelope(byte[] content, X509Certificate recipient, String contentEncryptionOid) {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(CmsRecipients.forCertificate(recipient));
        try {
            CMSEnvelopedData enveloped = generator.generate(new CMSProcessableByteArray(content),
                    new JceCMSContentEncryptorBuilder(new ASN1ObjectIdentifier(contentEncryptionOid))
                            .setProvider(Providers.bouncyCastle()).build());
            return enveloped.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new CryptoException("cannot encrypt SCEP content", e);
        }
    }

    /**
     * DER-length SignedData (as ContentInfo) with the SCEP attributes, signed by {@code signerKey};
     * {@code content} null means no encapsulated content (CertRep PENDING / FAILURE).
     */
    static byte[] sign(byte[] content, ScepAttributes attributes, X509Certificate signerCertificate,
            PrivateKey signerKey, String digestOid, List<X509Certificate> certificates) {
        try {
            String algorithm = ScepAlgorithms.signatureAlgorithm(digestOid, signerCertificate.getPublicKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes.toTable()))
                    .build(ContentSigners.of(algorithm, signerKey), signerCertificate));
            generator.addCertificates(new JcaCertStore(certificates));
            CMSTypedData typed = content == null ? new CMSAbsentContent() : new CMSProcessableByteArray(content);
            CMSSignedData signed = generator.generate(typed, content != null);
            return signed.toASN1Structure().getEncoded(ASN1Encoding.DL);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new CryptoException("cannot sign SCEP message", e);
        }
    }

    static CMSSignedData parseSigned(byte[] message) throws CMSException {
        if (message == null || message.length == 0) {
            throw new CMSException("empty message");
        }
        return new CMSSignedData(message);
    }

    /** The only signer of a SCEP message, or null when there is not exactly one. */
    static SignerInformation onlySigner(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        return signers.size() == 1 ? signers.iterator().next() : null;
    }

    /** The certificate inside the message that matches the signer identifier, or null. */
    static X509CertificateHolder signerCertificate(CMSSignedData signed, SignerInformation signer) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        return matches.isEmpty() ? null : matches.iterator().next();
    }

    /** The first of {@code candidates} the signer identifier names, or null. */
    static X509Certificate matchingCertificate(SignerInformation signer, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            try {
                if (signer.getSID().match(new X509CertificateHolder(candidate.getEncoded()))) {
                    return candidate;
                }
            } catch (CertificateEncodingException | IOException e) {
                // unreadable candidate: skip it
            }
        }
        return null;
    }

    /** Signature check with the certificate's public key (validity dates are the caller's policy). */
    static boolean verifies(SignerInformation signer, X509Certificate certificate) {
        try {
            SignerInformationVerifier verifier = new SignerInformationVerifier(
                    new DefaultCMSSignatureAlgorithmNameGenerator(), new DefaultSignatureAlgorithmIdentifierFinder(),
                    ContentSigners.verifier(certificate.getPublicKey()), new JcaDigestCalculatorProviderBuilder().build());
            return signer.verify(verifier);
        } catch (OperatorCreationException | CMSException | RuntimeException e) {
            return false;
        }
    }

    static byte[] signedContent(CMSSignedData signed) {
        if (signed.getSignedContent() == null) {
            return null;
        }
        Object content = signed.getSignedContent().getContent();
        return content instanceof byte[] ? (byte[]) content : null;
    }

    static List<X509Certificate> withChain(X509Certificate first, List<X509Certificate> chain) {
        List<X509Certificate> out = new ArrayList<>();
        out.add(first);
        for (X509Certificate certificate : chain) {
            if (!certificate.equals(first)) {
                out.add(certificate);
            }
        }
        return out;
    }
}
