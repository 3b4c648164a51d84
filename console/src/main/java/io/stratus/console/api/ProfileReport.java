package io.stratus.console.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A profile's deployment report: counts by status and one page of device lines ({@code next}: the following page). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfileReport(String profileId, long succeeded, long pending, long failed, long notApplicable,
        long expiring, long expired, long superseded, List<DeviceDeployment> devices, String next) {

    /** One device's state for the profile; {@code reason} says why it failed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceDeployment(String deviceId, String status, String reason, String serialNumber) {
    }

    public long total() {
        return succeeded + pending + failed + notApplicable;
    }
}
