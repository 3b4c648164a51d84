package io.stratus.crypto.scep;

import java.security.cert.X509Certificate;

/**
 * A verified, decrypted SCEP request. {@code content} is the CSR DER for PKCSReq/RenewalReq, the
 * IssuerAndSubject DER for CertPoll and the IssuerAndSerialNumber DER for GetCert/GetCRL. In a
 * {@link ScepException#partial()} the content and algorithm fields may be null.
 */
public record ScepRequest(MessageType messageType, String transactionId, byte[] senderNonce,
        X509Certificate signerCertificate, byte[] content, String digestAlgorithmOid,
        String contentEncryptionAlgorithmOid) {

    /** IssuerAndSubject of a CertPoll. */
    public IssuerAndSubject issuerAndSubject() {
        return IssuerAndSubject.decode(content);
    }

    /** IssuerAndSerialNumber of a GetCert or GetCRL. */
    public IssuerAndSerial issuerAndSerial() {
        return IssuerAndSerial.decode(content);
    }

    @Override
    public String toString() {
        return "ScepRequest[" + messageType + ", transactionId=" + transactionId + ", signer="
                + (signerCertificate == null ? "none" : signerCertificate.getSubjectX500Principal().getName())
                + ", content=" + (content == null ? "none" : content.length + " bytes") + ", digest="
                + digestAlgorithmOid + ", encryption=" + contentEncryptionAlgorithmOid + "]";
    }
}
