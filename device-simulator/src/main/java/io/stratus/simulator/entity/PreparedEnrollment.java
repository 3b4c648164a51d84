package io.stratus.simulator.entity;

import java.net.URI;
import java.security.KeyPair;

/**
 * Everything a device needs before its first SCEP request: where to enroll, the new key pair and
 * the PKCS#10 request (DER, carrying the challenge; never logged), and the subject it asked for.
 */
public record PreparedEnrollment(String assignmentId, URI scepUrl, KeyPair keyPair, byte[] csr, String subject) {

    @Override
    public String toString() {
        return "PreparedEnrollment[assignment=" + assignmentId + ", scepUrl=" + scepUrl + ", subject=" + subject + "]";
    }
}
