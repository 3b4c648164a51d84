package io.stratus.profile.entity;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link DeviceAssignment}. */
public class DeviceAssignmentKey implements Serializable {
    private static final long serialVersionUID = 1L;

    public String deviceId;
    public String assignmentId;

    public DeviceAssignmentKey() {
    }

    public DeviceAssignmentKey(String deviceId, String assignmentId) {
        this.deviceId = deviceId;
        this.assignmentId = assignmentId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceAssignmentKey
                && Objects.equals(deviceId, ((DeviceAssignmentKey) other).deviceId)
                && Objects.equals(assignmentId, ((DeviceAssignmentKey) other).assignmentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, assignmentId);
    }
}
