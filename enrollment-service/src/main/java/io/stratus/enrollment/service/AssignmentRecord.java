package io.stratus.enrollment.service;

import java.time.Instant;

/**
 * A profile assignment as profile-service announced it: what a renewal of its certificates is bound to.
 *
 * @param endedAt when ProfileUnassigned arrived; null while the assignment is active
 */
public record AssignmentRecord(String tenant, String assignmentId, String deviceId, String profileId,
        String authorityId, int renewalThresholdPercent, Instant endedAt) {

    public boolean active() {
        return endedAt == null;
    }
}
