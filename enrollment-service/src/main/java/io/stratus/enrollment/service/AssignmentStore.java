package io.stratus.enrollment.service;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/** Where the assignments are kept: per device, since one ends for each device on its own. */
public interface AssignmentStore {

    /**
     * Records an announced assignment as active, with its renewal threshold (a repeated announcement updates it), and
     * its one-time challenge unless a record with the same id or hash exists (a replayed event), together; true when
     * the challenge was stored.
     */
    Uni<Boolean> recordAnnounced(AssignmentRecord assignment, ChallengeRecord challenge);

    /** Marks the device's assignment ended at {@code at}, unless it ended already. */
    Uni<Void> end(String tenant, String assignmentId, String deviceId, Instant at);

    /** The device's assignment, or null. */
    Uni<AssignmentRecord> find(String tenant, String assignmentId, String deviceId);
}
