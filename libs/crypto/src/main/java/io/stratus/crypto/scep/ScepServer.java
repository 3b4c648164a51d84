package io.stratus.crypto.scep;

import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import io.stratus.crypto.CmsRecipients;
import io.stratus.crypto.DegenerateSignedData;

/**
 * Server side of SCEP (RFC 8894): decodes pkiMessages addressed to the RA and builds CertRep replies.
 * Thread-safe; holds only the algorithm policy.
 */
public final class ScepServer {
    /** The longest transactionID kept (the services store it); a longer one is a bad request. */
    public static final int MAX_TRANSACTION_ID_LENGTH = 128;

    private final ScepAlgorithmPolicy policy;

    public ScepServer() {
        this(ScepAlgorithmPolicy.DEFAULT);
    }

    public ScepServer(ScepAlgorithmPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public ScepAlgorithmPolicy policy() {
        return policy;
    }

    /**
     * Verifies the signature (with the signer certificate carried in the message), checks the
     * algorithms against the policy and decrypts the content with the RA key.
     *
     * @throws ScepException with {@code partial == null} when the message or its SCEP attributes cannot be
     *         read, otherwise with what was read so a FAILURE CertRep can be sent
     */
    public ScepRequest decode(byte[] pkiMessage, RaCredentials ra) {
        try {
            return decodeChecked(pkiMessage, ra);
        } catch (ScepException e) {
            throw e;
        } catch (RuntimeException e) {
            // a structure BouncyCastle could not read deeper inside the message (e.g. a corrupt certificate in
            // the SignedData certificate set): as undecodable as garbage, never an unexpected error
            throw new ScepException(FailInfo.badRequest, "malformed pkiMessage (" + e.getClass().getSimpleName() + ")",
                    null, e);
        }
    }

    private ScepRequest decodeChecked(byte[] pkiMessage, RaCredentials ra) {
        CMSSignedData signed;
        try {
            signed = PkiMessages.parseSigned(pkiMessage);
        } catch (CMSException | RuntimeException e) {
            throw new ScepException(FailInfo.badRequest, "not a CMS SignedData pkiMessage", null, e);
        }
        SignerInformation signer = PkiMessages.onlySigner(signed);
        if (signer == null) {
            throw new ScepException(FailInfo.badRequest, "pkiMessage must have exactly one signer", null);
        }
        ScepRequest partial = readAttributes(signer.getSignedAttributes());
        String digestOid = signer.getDigestAlgOID();
        X509Certificate signerCertificate = signerCertificate(signed, signer, partial);
        partial = with(partial, signerCertificate, null, digestOid, null);
        if (!policy.permitsDigest(digestOid)) {
            throw new ScepException(FailInfo.badAlg, "digest algorithm " + digestOid + " is not accepted", partial);
        }
        if (!PkiMessages.verifies(signer, signerCertificate)) {
            throw new ScepException(FailInfo.badMessageCheck, "pkiMessage signature does not verify", partial);
        }
        if (partial.messageType() == MessageType.CertRep) {
            throw new ScepException(FailInfo.badRequest, "a CertRep is not a request", partial);
        }
        byte[] envelope = PkiMessages.signedContent(signed);
        if (envelope == null) {
            throw new ScepException(FailInfo.badRequest, "pkiMessage carries no pkcsPKIEnvelope", partial);
        }
        CMSEnvelopedData enveloped;
        try {
            enveloped = new CMSEnvelopedData(envelope);
        } catch (CMSException | RuntimeException e) {
            throw new ScepException(FailInfo.badRequest, "pkcsPKIEnvelope is not EnvelopedData", partial, e);
        }
        String encryptionOid = enveloped.getEncryptionAlgOID();
        partial = with(partial, signerCertificate, null, digestOid, encryptionOid);
        if (!policy.permitsContentEncryption(encryptionOid)) {
            throw new ScepException(FailInfo.badAlg, "content encryption " + encryptionOid + " is not accepted",
                    partial);
        }
        byte[] content;
        try {
            content = CmsRecipients.decrypt(enveloped.getRecipientInfos(), ra.privateKey(),
                    ra.certificate().getPublicKey(), ra.certificate());
        } catch (CMSException | RuntimeException e) {
            throw new ScepException(FailInfo.badMessageCheck, "pkcsPKIEnvelope cannot be decrypted by this RA",
                    partial);
        }
        return with(partial, signerCertificate, content, digestOid, encryptionOid);
    }

    /**
     * CertRep SUCCESS: the certificates (issued certificate first, then any chain) in a certs-only
     * PKCS#7, encrypted to the request's signer certificate.
     */
    public static byte[] success(ScepRequest request, List<X509Certificate> certificates, RaCredentials ra) {
        return successWith(request, DegenerateSignedData.certificates(certificates), ra);
    }

    /** CertRep SUCCESS for GetCRL: the CRL in a certs-only PKCS#7, encrypted to the requester. */
    public static byte[] success(ScepRequest request, X509CRL crl, RaCredentials ra) {
        return successWith(request, DegenerateSignedData.crl(crl), ra);
    }

    /** CertRep PENDING (the client polls with CertPoll). */
    public static byte[] pending(ScepRequest request, RaCredentials ra) {
        return reply(request, PkiStatus.PENDING, null, null, ra);
    }

    /** CertRep FAILURE with a failInfo. */
    public static byte[] failure(ScepRequest request, FailInfo info, RaCredentials ra) {
        return reply(request, PkiStatus.FAILURE, Objects.requireNonNull(info, "failInfo"), null, ra);
    }

    /** Certs-only PKCS#7 for GetCACert (CA and RA certificates). */
    public static byte[] degenerateCertificates(List<X509Certificate> certificates) {
        return DegenerateSignedData.certificates(certificates);
    }

    /** Certs-only PKCS#7 carrying a CRL. */
    public static byte[] degenerateCertificates(X509CRL crl) {
        return DegenerateSignedData.crl(crl);
    }

    private static byte[] successWith(ScepRequest request, byte[] degenerate, RaCredentials ra) {
        if (request.signerCertificate() == null) {
            throw new IllegalArgumentException("the request has no signer certificate to encrypt the reply to");
        }
        byte[] envelope = PkiMessages.envelope(degenerate, request.signerCertificate(),
                ScepAlgorithms.replyEncryption(request.contentEncryptionAlgorithmOid()));
        return reply(request, PkiStatus.SUCCESS, null, envelope, ra);
    }

    private static byte[] reply(ScepRequest request, PkiStatus status, FailInfo failInfo, byte[] envelope,
            RaCredentials ra) {
        Objects.requireNonNull(request, "request");
        ScepAttributes attributes = new ScepAttributes()
                .printable(ScepAttributes.MESSAGE_TYPE, Integer.toString(MessageType.CertRep.code()))
                .printable(ScepAttributes.PKI_STATUS, Integer.toString(status.code()))
                .octets(ScepAttributes.SENDER_NONCE, PkiMessages.nonce());
        if (request.transactionId() != null) {
            attributes.printable(ScepAttributes.TRANSACTION_ID, request.transactionId());
        }
        if (request.senderNonce() != null) {
            attributes.octets(ScepAttributes.RECIPIENT_NONCE, request.senderNonce());
        }
        if (failInfo != null) {
            attributes.printable(ScepAttributes.FAIL_INFO, Integer.toString(failInfo.code()));
        }
        String digestOid = request.digestAlgorithmOid() != null ? request.digestAlgorithmOid()
                : ScepAlgorithms.SHA256;
        return PkiMessages.sign(envelope, attributes, ra.certificate(), ra.privateKey(), digestOid,
                PkiMessages.withChain(ra.certificate(), ra.caChain()));
    }

    private static ScepRequest readAttributes(AttributeTable attributes) {
        Integer type = ScepAttributes.number(attributes, ScepAttributes.MESSAGE_TYPE);
        String transactionId = ScepAttributes.string(attributes, ScepAttributes.TRANSACTION_ID);
        byte[] senderNonce = ScepAttributes.octets(attributes, ScepAttributes.SENDER_NONCE);
        if (type == null || transactionId == null || transactionId.isBlank() || senderNonce == null) {
            throw new ScepException(FailInfo.badRequest,
                    "pkiMessage lacks messageType, transactionID or senderNonce", null);
        }
        if (transactionId.length() > MAX_TRANSACTION_ID_LENGTH) {
            throw new ScepException(FailInfo.badRequest, "transactionID is longer than " + MAX_TRANSACTION_ID_LENGTH
                    + " characters", null);
        }
        MessageType messageType;
        try {
            messageType = MessageType.of(type);
        } catch (IllegalArgumentException e) {
            throw new ScepException(FailInfo.badRequest, "unsupported messageType " + type, null);
        }
        return new ScepRequest(messageType, transactionId, senderNonce, null, null, null, null);
    }

    private static X509Certificate signerCertificate(CMSSignedData signed, SignerInformation signer,
            ScepRequest partial) {
        X509CertificateHolder holder = PkiMessages.signerCertificate(signed, signer);
        if (holder == null) {
            throw new ScepException(FailInfo.badMessageCheck, "pkiMessage does not include its signer certificate",
                    partial);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new ScepException(FailInfo.badMessageCheck, "signer certificate cannot be read", partial);
        }
    }

    private static ScepRequest with(ScepRequest partial, X509Certificate signer, byte[] content, String digestOid,
            String encryptionOid) {
        return new ScepRequest(partial.messageType(), partial.transactionId(), partial.senderNonce(), signer,
                content, digestOid, encryptionOid);
    }
}
