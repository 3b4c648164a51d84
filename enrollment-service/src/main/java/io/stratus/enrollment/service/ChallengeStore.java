package io.stratus.enrollment.service;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/** Where the challenge records are kept. */
public interface ChallengeStore {

    /** The record with this hex SHA-256, or null. */
    Uni<ChallengeRecord> findByHash(String challengeHash);

    /** Voids the unused challenges of a device for an assignment; returns how many. */
    Uni<Integer> voidUnused(String tenant, String deviceId, String assignmentId, Instant at);
}
