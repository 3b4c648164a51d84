package io.stratus.enrollment.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;

import io.stratus.crypto.scep.ScepRequest;

/**
 * Who sent a SCEP transaction: SHA-256 of the public key of the certificate that signed its first message (the
 * device's self-signed certificate for a new key, its current certificate for a renewal). A CertPoll or a repeated
 * request is answered from the transaction's record only when it is signed with the same key.
 */
public final class RequesterKey {

    private RequesterKey() {
    }

    /** The requester key of a message, or null when it carries no signer certificate. */
    public static byte[] of(ScepRequest request) {
        X509Certificate signer = request.signerCertificate();
        if (signer == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(signer.getPublicKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code presented} is the key that sent the transaction (or the transaction predates the record). */
    public static boolean sentBy(Enrollment enrollment, byte[] presented) {
        return enrollment.requesterKey() == null
                || presented != null && MessageDigest.isEqual(enrollment.requesterKey(), presented);
    }
}
