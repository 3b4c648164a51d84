package io.stratus.enrollment.service;

import java.time.Instant;

import io.stratus.events.IssuancePolicy;

/**
 * What profile-service said about one challenge: its hash, whom it is for, until when, and the policy;
 * {@code assignedAt} is when it announced the assignment (its ProfileAssigned's time; null before V10).
 */
public record ChallengeRecord(String id, String tenant, String deviceId, String assignmentId, String profileId,
        String authorityId, String challengeHash, IssuancePolicy policy, Instant expiresAt, Instant usedAt,
        Instant voidedAt, Instant assignedAt) {
}
