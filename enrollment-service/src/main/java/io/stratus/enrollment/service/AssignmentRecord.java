package io.stratus.enrollment.service;

import java.time.Instant;

/**
 * A profile assignment as profile-service announced it: what a renewal of its certificates is bound to.
 *
 * @param endedAt    when ProfileUnassigned arrived; null while the assignment is active
 * @param assignedAt when profile-service last announced it to the device (its ProfileAssigned's time; null before
 *                   V10), which a renewal's request carries to the CA
 */
public record AssignmentRecord(String tenant, String assignmentId, String deviceId, String profileId,
        String authorityId, int renewalThresholdPercent, Instant endedAt, Instant assignedAt) {

    public boolean active() {
        return endedAt == null;
    }
}
