package io.stratus.events;

/**
 * A profile no longer applies to a device; its pending challenge is void and its certificates stop renewing.
 *
 * @param revokeCertificates the profile revokes on unassignment: ca-service revokes the device's certificates issued
 *                           for this assignment (reason cessationOfOperation)
 */
public record ProfileUnassignedEvent(String tenant, String deviceId, String assignmentId, String profileId,
        boolean revokeCertificates) implements StratusEvent {

    /** An unassignment that keeps the certificates valid until they expire. */
    public ProfileUnassignedEvent(String tenant, String deviceId, String assignmentId, String profileId) {
        this(tenant, deviceId, assignmentId, profileId, false);
    }

    @Override
    public String key() {
        return deviceId;
    }
}
