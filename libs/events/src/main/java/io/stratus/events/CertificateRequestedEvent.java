package io.stratus.events;

/**
 * A validated certificate signing request relayed to the CA.
 *
 * @param transactionId unique per request; the CA issues at most one certificate per transaction id
 * @param deviceId      the device (or, for an RA request, the CA id)
 * @param csr           the PKCS#10 request, base64 DER
 */
public record CertificateRequestedEvent(String tenant, String transactionId, String authorityId, String deviceId,
        String assignmentId, String profileId, RequestPurpose purpose, String csr, IssuancePolicy policy)
        implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
