package io.stratus.profile.rest.dto;

import java.util.List;

/**
 * Deployment report of a profile: counts by status over all its devices, and one page of lines, one per device and
 * assignment in (device, assignment) order; {@code next} is the {@code after} of the following page (null on the last).
 */
public record ProfileReport(String profileId, long succeeded, long pending, long failed, long notApplicable,
        List<DeviceDeployment> devices, String next) {
}
