package io.stratus.profile.rest.dto;

import java.util.List;

/** Deployment report of a profile: counts by status and one line per device and assignment. */
public record ProfileReport(String profileId, long succeeded, long pending, long failed, long notApplicable,
        List<DeviceDeployment> devices) {
}
