package io.stratus.events;

/** A profile no longer applies to a device; its pending challenge is void. */
public record ProfileUnassignedEvent(String tenant, String deviceId, String assignmentId, String profileId)
        implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
