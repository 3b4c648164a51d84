package io.stratus.events;

import java.time.Instant;

/**
 * The CA signed a certificate.
 *
 * @param serialNumber hex, upper case, as OpenSSL prints it
 * @param certificate  base64 DER
 */
public record CertificateIssuedEvent(String tenant, String transactionId, String authorityId, String deviceId,
        String assignmentId, String profileId, RequestPurpose purpose, String serialNumber, String subjectDn,
        Instant notBefore, Instant notAfter, String certificate) implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
