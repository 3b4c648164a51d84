package io.stratus.enrollment.service;

import java.time.Instant;

/**
 * A certificate this service handed out (the CertificateIssued of one of its transactions), and whether
 * it was revoked since. {@code serialNumber} is upper-case hex as {@code Serials.hex} prints it.
 */
public record IssuedCertificate(String authorityId, String serialNumber, String tenant, String deviceId,
        String transactionId, String subjectDn, byte[] certificateDer, Instant notAfter, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
