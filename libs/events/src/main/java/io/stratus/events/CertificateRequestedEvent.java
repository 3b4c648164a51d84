package io.stratus.events;

import java.time.Instant;

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
 * @param requestedAt   when the device's request was accepted (its transaction opened), which a relay repeated later
 *                      keeps: the CA revokes a certificate whose assignment ended with revocation after this time;
 *                      null for requests of no device (the RA's)
 * @param assignedAt    when profile-service announced the device's assignment this request relies on (the time of
 *                      its ProfileAssigned): the CA revokes the certificate when that assignment ended at or after
 *                      this time, even if the request was accepted after the end (enrollment-service had not heard of
 *                      it yet). Both times are profile-service's. Null without an assignment (static challenge, RA)
 */
public record CertificateRequestedEvent(String tenant, String transactionId, String authorityId, String deviceId,
        String assignmentId, String profileId, RequestPurpose purpose, String publicKey, IssuancePolicy policy,
        String renews, Instant requestedAt, Instant assignedAt)
        implements StratusEvent {

    /** A request that does not say when its assignment was announced (made before requests carried it). */
    public CertificateRequestedEvent(String tenant, String transactionId, String authorityId, String deviceId,
            String assignmentId, String profileId, RequestPurpose purpose, String publicKey, IssuancePolicy policy,
            String renews, Instant requestedAt) {
        this(tenant, transactionId, authorityId, deviceId, assignmentId, profileId, purpose, publicKey, policy, renews,
                requestedAt, null);
    }

    /** A request of no device's transaction (the RA's), or made before requests carried their time. */
    public CertificateRequestedEvent(String tenant, String transactionId, String authorityId, String deviceId,
            String assignmentId, String profileId, RequestPurpose purpose, String publicKey, IssuancePolicy policy,
            String renews) {
        this(tenant, transactionId, authorityId, deviceId, assignmentId, profileId, purpose, publicKey, policy, renews,
                null, null);
    }

    @Override
    public String key() {
        return deviceId;
    }
}
