package io.stratus.events;

/**
 * A validated certificate signing request relayed to the CA.
 *
 * @param transactionId unique per request; the CA issues at most one certificate per transaction id
 * @param deviceId      the device (or, for an RA request, the CA id)
 * @param publicKey     the key to certify: base64 DER SubjectPublicKeyInfo, from the PKCS#10 request whose signature
 *                      (proof of possession) and challenge enrollment-service verified. The request itself never
 *                      travels: it carries the challenge password. Subject, names and usages come from the policy.
 * @param renews        for a renewal, the serial (hex) of the certificate it replaces, which the CA marks superseded
 *                      (and revokes when the policy says so); null otherwise
 */
public record CertificateRequestedEvent(String tenant, String transactionId, String authorityId, String deviceId,
        String assignmentId, String profileId, RequestPurpose purpose, String publicKey, IssuancePolicy policy,
        String renews)
        implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
