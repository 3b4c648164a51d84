package io.stratus.enrollment.service;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records new assignments (what their certificates renew under) with their challenges, and when an assignment
 * ends, voids its unused challenges and stops its certificates from renewing.
 */
@ApplicationScoped
public class AssignmentEvents {

    private final ChallengeStore challenges;
    private final AssignmentStore assignments;

    public AssignmentEvents(ChallengeStore challenges, AssignmentStore assignments) {
        this.challenges = challenges;
        this.assignments = assignments;
    }

    /** Records the challenge and the device's assignment; {@code announcedAt}: the event's time (profile-service's). */
    public Uni<Void> assigned(ProfileAssignedEvent event, Instant announcedAt) {
        String hash = ChallengeHashes.normalize(event.challengeHash());
        if (hash == null || event.tenant() == null || event.deviceId() == null || event.assignmentId() == null
                || event.profileId() == null || event.authorityId() == null || event.policy() == null
                || event.challengeExpiresAt() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "ProfileAssigned lacks a challenge hash, expiry, policy or ids"));
        }
        ChallengeRecord record = new ChallengeRecord(UUID.randomUUID().toString(), event.tenant(), event.deviceId(),
                event.assignmentId(), event.profileId(), event.authorityId(), hash, event.policy(),
                event.challengeExpiresAt(), null, null, announcedAt);
        AssignmentRecord assignment = new AssignmentRecord(event.tenant(), event.assignmentId(), event.deviceId(),
                event.profileId(), event.authorityId(), event.renewalThresholdPercent(), null, announcedAt);
        return assignments.recordAnnounced(assignment, record).invoke(stored -> {
            if (stored) {
                Log.debugf("challenge recorded for device %s, assignment %s", event.deviceId(), event.assignmentId());
            }
        }).replaceWithVoid();
    }

    public Uni<Void> unassigned(ProfileUnassignedEvent event) {
        Instant now = Instant.now();
        return assignments.end(event.tenant(), event.assignmentId(), event.deviceId(), now)
                .chain(() -> challenges.voidUnused(event.tenant(), event.deviceId(), event.assignmentId(), now))
                .invoke(count -> Log.debugf("%d challenge(s) voided for device %s, assignment %s", count,
                        event.deviceId(), event.assignmentId()))
                .replaceWithVoid();
    }
}
