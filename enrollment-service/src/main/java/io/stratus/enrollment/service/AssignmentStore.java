package io.stratus.enrollment.service;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/** Where the assignments are kept. */
public interface AssignmentStore {

    /** Records an announced assignment as active, with its renewal threshold (a repeated announcement updates it). */
    Uni<Void> recordActive(AssignmentRecord assignment);

    /** Marks the assignment ended at {@code at}, unless it ended already. */
    Uni<Void> end(String tenant, String assignmentId, Instant at);

    /** The assignment, or null. */
    Uni<AssignmentRecord> find(String tenant, String assignmentId);
}
