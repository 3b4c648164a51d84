package io.stratus.profile.rest.dto;

import java.time.Instant;

/** One line of a profile report: an assignment's state on one device. */
public record DeviceDeployment(String deviceId, String assignmentId, String status, String reason,
        String serialNumber, Instant updatedAt) {
}
