package io.stratus.console.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The per-device report: every profile assigned to the device, its status, certificate and failure reason. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceReport(String deviceId, long succeeded, long pending, long failed, long notApplicable,
        List<ProfileStatus> profiles) {

    /** One profile on the device (per assignment). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProfileStatus(String profileId, String profileName, String status, String reason,
            String serialNumber, Instant notAfter, Instant updatedAt) {
    }
}
