package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the SCEP transactions are kept. */
public interface EnrollmentStore {

    /** Outcome of {@link #open}. */
    enum OpenResult {
        /** The challenge is now used and the transaction recorded as PENDING. */
        OPENED,
        /** The challenge was used (or voided) meanwhile; nothing changed. */
        CHALLENGE_UNAVAILABLE,
        /** A transaction with this id exists already; nothing changed. */
        DUPLICATE_TRANSACTION
    }

    /** The transaction, or null. */
    Uni<Enrollment> find(String transactionId);

    /**
     * In one database transaction: marks the challenge used (only if it is still unused and not voided)
     * and records the PENDING transaction. A transaction without a challenge (renewal, static challenge)
     * is only recorded.
     */
    Uni<OpenResult> open(Enrollment pending);

    /**
     * Records the CA's answer for a PENDING transaction; returns the transaction as stored afterwards
     * (unchanged when it had been completed already), or null when it is unknown.
     */
    Uni<Enrollment> complete(String transactionId, EnrollmentStatus status, byte[] certificateDer,
            String rejectReason);

    /** Undoes {@link #open} for a request that could not be relayed: deletes it and frees its challenge. */
    Uni<Void> abandon(Enrollment pending);
}
