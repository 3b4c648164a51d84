package io.stratus.crypto.scep;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import io.stratus.crypto.CmsRecipients;
import io.stratus.crypto.ContentSigners;
import io.stratus.crypto.CryptoException;
import io.stratus.crypto.DegenerateSignedData;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;

/**
 * Client side of SCEP (device simulator, tests): builds pkiMessages and decodes CertRep replies.
 * Requests default to AES-256-CBC and SHA-256 ({@link ScepCipherSuite#AES256_SHA256}).
 *
 * <p>Stateless: all methods are static; the public constructor only lets frameworks instantiate it.
 */
public final class ScepClientMessages {

    public ScepClientMessages() {
    }

    /** A fresh 16-byte senderNonce. */
    public static byte[] newNonce() {
        return PkiMessages.nonce();
    }

    /** Hex (upper case) SHA-256 of the SubjectPublicKeyInfo, the usual SCEP transactionID. */
    public static String transactionId(PublicKey key) {
        return transactionId(key.getEncoded());
    }

    /** Hex (upper case) SHA-256 of {@code encoded}: a transactionID derived from a key's or a request's DER. */
    public static String transactionId(byte[] encoded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded);
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException("SHA-256 is not available", e);
        }
    }

    /**
     * The temporary self-signed certificate a device signs its first PKCSReq with (valid from an hour ago
     * for seven days; no extensions beyond what SCEP needs).
     */
    public static X509Certificate selfSignedSigner(KeyPair keys, String subjectDn) {
        X500Name subject = SubjectNames.parse(subjectDn);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, Serials.random(),
                java.util.Date.from(now.minus(Duration.ofHours(1))), java.util.Date.from(now.plus(Duration.ofDays(7))),
                subject, keys.getPublic());
        String algorithm = signatureAlgorithm(keys.getPublic());
        return toX509(builder.build(ContentSigners.of(algorithm, keys.getPrivate())));
    }

    public static byte[] pkcsReq(byte[] csrDer, X509Certificate signerCert, PrivateKey signerKey,
            X509Certificate recipient, String transactionId, byte[] senderNonce) {
        return pkcsReq(csrDer, signerCert, signerKey, recipient, transactionId, senderNonce,
                ScepCipherSuite.AES256_SHA256);
    }

    public static byte[] pkcsReq(byte[] csrDer, X509Certificate signerCert, PrivateKey signerKey,
            X509Certificate recipient, String transactionId, byte[] senderNonce, ScepCipherSuite suite) {
        return request(MessageType.PKCSReq, csrDer, signerCert, signerKey, recipient, transactionId, senderNonce,
                suite);
    }

    /** RenewalReq, signed with the certificate being renewed and its key. */
    public static byte[] renewalReq(byte[] csrDer, X509Certificate currentCert, PrivateKey currentKey,
            X509Certificate recipient, String transactionId, byte[] senderNonce) {
        return renewalReq(csrDer, currentCert, currentKey, recipient, transactionId, senderNonce,
                ScepCipherSuite.AES256_SHA256);
    }

    public static byte[] renewalReq(byte[] csrDer, X509Certificate currentCert, PrivateKey currentKey,
            X509Certificate recipient, String transactionId, byte[] senderNonce, ScepCipherSuite suite) {
        return request(MessageType.RenewalReq, csrDer, currentCert, currentKey, recipient, transactionId,
                senderNonce, suite);
    }

    /** CertPoll (GetCertInitial) for a pending request. */
    public static byte[] certPoll(X500Name issuer, X500Name subject, X509Certificate signerCert,
            PrivateKey signerKey, X509Certificate recipient, String transactionId, byte[] senderNonce) {
        return request(MessageType.CertPoll, IssuerAndSubject.encode(issuer, subject), signerCert, signerKey,
                recipient, transactionId, senderNonce, ScepCipherSuite.AES256_SHA256);
    }

    /** GetCert for an issued certificate. */
    public static byte[] getCert(X500Name issuer, BigInteger serial, X509Certificate signerCert,
            PrivateKey signerKey, X509Certificate recipient, String transactionId, byte[] senderNonce) {
        return request(MessageType.GetCert, IssuerAndSerial.encode(issuer, serial), signerCert, signerKey,
                recipient, transactionId, senderNonce, ScepCipherSuite.AES256_SHA256);
    }

    /** GetCRL for the CRL covering a certificate. */
    public static byte[] getCrl(X500Name issuer, BigInteger serial, X509Certificate signerCert,
            PrivateKey signerKey, X509Certificate recipient, String transactionId, byte[] senderNonce) {
        return request(MessageType.GetCRL, IssuerAndSerial.encode(issuer, serial), signerCert, signerKey,
                recipient, transactionId, senderNonce, ScepCipherSuite.AES256_SHA256);
    }

    /** Any request type with explicit content (already DER-encoded) and algorithms. */
    public static byte[] request(MessageType type, byte[] content, X509Certificate signerCert, PrivateKey signerKey,
            X509Certificate recipient, String transactionId, byte[] senderNonce, ScepCipherSuite suite) {
        if (type == MessageType.CertRep) {
            throw new IllegalArgumentException("CertRep is built by the server");
        }
        if (transactionId == null || transactionId.isBlank() || senderNonce == null || senderNonce.length == 0) {
            throw new IllegalArgumentException("transactionId and senderNonce are required");
        }
        byte[] envelope = PkiMessages.envelope(content, recipient, suite.contentEncryptionOid());
        ScepAttributes attributes = new ScepAttributes()
                .printable(ScepAttributes.MESSAGE_TYPE, Integer.toString(type.code()))
                .printable(ScepAttributes.TRANSACTION_ID, transactionId)
                .octets(ScepAttributes.SENDER_NONCE, senderNonce);
        return PkiMessages.sign(envelope, attributes, signerCert, signerKey, suite.digestOid(), List.of(signerCert));
    }

    /**
     * Verifies a CertRep (signed by one of {@code trustedRaCerts}, recipientNonce equal to the request's
     * senderNonce) and, on SUCCESS, decrypts the certificates with the requester's key.
     *
     * @throws ScepException (partial null) when the reply is malformed, untrusted or does not match
     */
    public static ScepResponse decodeResponse(byte[] certRep, X509Certificate signerCert, PrivateKey signerKey,
            byte[] expectedRecipientNonce, List<X509Certificate> trustedRaCerts) {
        CMSSignedData signed;
        try {
            signed = PkiMessages.parseSigned(certRep);
        } catch (CMSException | RuntimeException e) {
            throw new ScepException(FailInfo.badRequest, "reply is not a CMS SignedData message", null, e);
        }
        SignerInformation signer = PkiMessages.onlySigner(signed);
        if (signer == null) {
            throw new ScepException(FailInfo.badMessageCheck, "reply must have exactly one signer", null);
        }
        X509Certificate ra = PkiMessages.matchingCertificate(signer, trustedRaCerts);
        if (ra == null) {
            throw new ScepException(FailInfo.badMessageCheck, "reply is not signed by a trusted RA", null);
        }
        if (!PkiMessages.verifies(signer, ra)) {
            throw new ScepException(FailInfo.badMessageCheck, "reply signature does not verify", null);
        }
        AttributeTable attributes = signer.getSignedAttributes();
        Integer type = ScepAttributes.number(attributes, ScepAttributes.MESSAGE_TYPE);
        if (type == null || type != MessageType.CertRep.code()) {
            throw new ScepException(FailInfo.badRequest, "reply is not a CertRep", null);
        }
        byte[] recipientNonce = ScepAttributes.octets(attributes, ScepAttributes.RECIPIENT_NONCE);
        if (expectedRecipientNonce != null && !MessageDigest.isEqual(expectedRecipientNonce, recipientNonce)) {
            throw new ScepException(FailInfo.badMessageCheck, "recipientNonce does not match the request", null);
        }
        String transactionId = ScepAttributes.string(attributes, ScepAttributes.TRANSACTION_ID);
        PkiStatus status = status(attributes);
        if (status == PkiStatus.FAILURE) {
            return new ScepResponse(status, failInfo(attributes), transactionId, List.of(), List.of());
        }
        if (status == PkiStatus.PENDING) {
            return new ScepResponse(status, null, transactionId, List.of(), List.of());
        }
        byte[] degenerate = decrypt(signed, signerCert, signerKey);
        List<X509Certificate> certificates = endEntityFirst(DegenerateSignedData.readCertificates(degenerate));
        List<X509CRL> crls = DegenerateSignedData.readCrls(degenerate);
        return new ScepResponse(status, null, transactionId, certificates, crls);
    }

    /** Certificates of a GetCACert answer (certs-only PKCS#7), in encoded order. */
    public static List<X509Certificate> caCertificates(byte[] degenerate) {
        return DegenerateSignedData.readCertificates(degenerate);
    }

    private static byte[] decrypt(CMSSignedData signed, X509Certificate signerCert, PrivateKey signerKey) {
        byte[] envelope = PkiMessages.signedContent(signed);
        if (envelope == null) {
            throw new ScepException(FailInfo.badRequest, "SUCCESS reply carries no pkcsPKIEnvelope", null);
        }
        try {
            CMSEnvelopedData enveloped = new CMSEnvelopedData(envelope);
            return CmsRecipients.decrypt(enveloped.getRecipientInfos(), signerKey, signerCert.getPublicKey(),
                    signerCert);
        } catch (CMSException | RuntimeException e) {
            throw new ScepException(FailInfo.badMessageCheck, "reply cannot be decrypted with the requester key",
                    null);
        }
    }

    private static PkiStatus status(AttributeTable attributes) {
        Integer code = ScepAttributes.number(attributes, ScepAttributes.PKI_STATUS);
        try {
            return PkiStatus.of(code == null ? -1 : code);
        } catch (IllegalArgumentException e) {
            throw new ScepException(FailInfo.badRequest, "reply has no valid pkiStatus", null);
        }
    }

    private static FailInfo failInfo(AttributeTable attributes) {
        Integer code = ScepAttributes.number(attributes, ScepAttributes.FAIL_INFO);
        if (code == null) {
            return null;
        }
        try {
            return FailInfo.of(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<X509Certificate> endEntityFirst(List<X509Certificate> certificates) {
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (certificate.getBasicConstraints() < 0) {
                out.add(certificate);
            }
        }
        for (X509Certificate certificate : certificates) {
            if (certificate.getBasicConstraints() >= 0) {
                out.add(certificate);
            }
        }
        return out;
    }

    private static String signatureAlgorithm(PublicKey key) {
        KeyAlgorithm known = KeyAlgorithm.find(key);
        return known != null ? known.signatureAlgorithm()
                : (KeyAlgorithm.EC.equals(KeyAlgorithm.familyOf(key)) ? "SHA256withECDSA" : "SHA256withRSA");
    }

    private static X509Certificate toX509(org.bouncycastle.cert.X509CertificateHolder holder) {
        try {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new CryptoException("cannot convert certificate", e);
        }
    }

}
