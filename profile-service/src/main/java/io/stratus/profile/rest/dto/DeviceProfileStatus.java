package io.stratus.profile.rest.dto;

import java.time.Instant;

/** One profile on one device (per assignment): the deployment status, the certificate, why it failed. */
public record DeviceProfileStatus(String profileId, String profileName, String assignmentId, String status,
        String reason, String serialNumber, Instant notAfter, Instant updatedAt) {
}
