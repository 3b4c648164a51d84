package io.stratus.profile.rest.dto;

import java.util.List;

/**
 * Deployment report of a profile: counts by status over all its devices, and one page of lines, one per device and
 * assignment in (device, assignment) order; {@code next} is the {@code after} of the following page (null on the last).
 * Of the certificates the devices hold (SUCCEEDED rows), {@code expired} are past their notAfter and {@code expiring}
 * end within {@code ReportService.EXPIRING_WITHIN} (30 days); {@code superseded} counts the certificates the devices
 * replaced by renewing them.
 */
public record ProfileReport(String profileId, long succeeded, long pending, long failed, long notApplicable,
        long expiring, long expired, long superseded, List<DeviceDeployment> devices, String next) {
}
