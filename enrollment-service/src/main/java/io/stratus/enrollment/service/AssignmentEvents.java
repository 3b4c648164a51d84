package io.stratus.enrollment.service;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Records the challenges of new assignments and voids them when an assignment ends. */
@ApplicationScoped
public class AssignmentEvents {

    private final ChallengeStore challenges;

    public AssignmentEvents(ChallengeStore challenges) {
        this.challenges = challenges;
    }

    public Uni<Void> assigned(ProfileAssignedEvent event) {
        String hash = ChallengeHashes.normalize(event.challengeHash());
        if (hash == null || event.tenant() == null || event.deviceId() == null || event.assignmentId() == null
                || event.profileId() == null || event.authorityId() == null || event.policy() == null
                || event.challengeExpiresAt() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "ProfileAssigned lacks a challenge hash, expiry, policy or ids"));
        }
        ChallengeRecord record = new ChallengeRecord(UUID.randomUUID().toString(), event.tenant(), event.deviceId(),
                event.assignmentId(), event.profileId(), event.authorityId(), hash, event.policy(),
                event.challengeExpiresAt(), null, null);
        return challenges.recordIfAbsent(record).invoke(stored -> {
            if (stored) {
                Log.debugf("challenge recorded for device %s, assignment %s", event.deviceId(), event.assignmentId());
            }
        }).replaceWithVoid();
    }

    public Uni<Void> unassigned(ProfileUnassignedEvent event) {
        return challenges.voidUnused(event.tenant(), event.deviceId(), event.assignmentId(), Instant.now())
                .invoke(count -> Log.debugf("%d challenge(s) voided for device %s, assignment %s", count,
                        event.deviceId(), event.assignmentId()))
                .replaceWithVoid();
    }
}
