package io.stratus.simulator.entity;

import java.net.URI;
import java.security.KeyPair;

/**
 * Everything a device needs before its first SCEP request: where to enroll, the new key pair and
 * the PKCS#10 request (DER, carrying the challenge; never logged), the subject it asked for, and the SCEP
 * transactionID (the hash of the public key, or of the request for a bench device's recycled key).
 */
public record PreparedEnrollment(String assignmentId, URI scepUrl, KeyPair keyPair, byte[] csr, String subject,
        String transactionId) {

    @Override
    public String toString() {
        return "PreparedEnrollment[assignment=" + assignmentId + ", scepUrl=" + scepUrl + ", subject=" + subject + "]";
    }
}
