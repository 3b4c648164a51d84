package io.stratus.events;

/**
 * The CA refused a request.
 *
 * @param reason a stable code (e.g. {@code AUTHORITY_NOT_ACTIVE}, {@code POLICY_VIOLATION}, {@code BAD_KEY})
 * @param detail a human-readable explanation, free of secrets
 */
public record CertificateRejectedEvent(String tenant, String transactionId, String authorityId, String deviceId,
        String assignmentId, String profileId, RequestPurpose purpose, String reason, String detail)
        implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
