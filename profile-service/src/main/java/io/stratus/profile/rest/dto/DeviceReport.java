package io.stratus.profile.rest.dto;

import java.util.List;

/** The per-device report: the state of every profile assigned to the device. */
public record DeviceReport(String deviceId, long succeeded, long pending, long failed, long notApplicable,
        List<DeviceProfileStatus> profiles) {
}
