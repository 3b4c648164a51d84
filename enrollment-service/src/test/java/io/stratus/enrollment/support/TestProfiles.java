package io.stratus.enrollment.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.stratus.crypto.ChallengeSeal;
import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.events.SubjectAltName;
import io.stratus.events.TrustedCertificate;

/** Plays profile-service: assigns a SCEP profile to a device with a fresh one-time challenge. */
public final class TestProfiles {

    public static final String SOURCE = "/stratus/profile-service";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestProfiles() {
    }

    /** What was assigned: the event as published. */
    public record Assignment(ProfileAssignedEvent event) {
        public String sealedChallenge() {
            return event.sealedChallenge();
        }
    }

    public static IssuancePolicy policyFor(TestDevice device) {
        return new IssuancePolicy(device.subject(), List.of(new SubjectAltName(SubjectAltName.Type.DNS,
                device.dnsName())), KeySpec.rsa(2048), List.of(ExtendedKeyUsages.CLIENT_AUTH),
                List.of("digitalSignature", "keyEncipherment"), 365);
    }

    /** Assigns with a challenge valid for an hour and waits until enrollment-service recorded it. */
    public static Assignment assign(String tenant, String authorityId, TestDevice device) {
        return assign(tenant, authorityId, device, Instant.now().plus(Duration.ofHours(1)));
    }

    public static Assignment assign(String tenant, String authorityId, TestDevice device, Instant expiresAt) {
        Assignment assignment = unpublished(tenant, authorityId, device, expiresAt);
        publish(assignment);
        String hash = assignment.event().challengeHash();
        Await.until("the challenge of " + device.id + " to be recorded",
                () -> Database.count("select count(*) from challenge where challenge_hash = ?", hash) == 1);
        return assignment;
    }

    /**
     * The same assignment (a profile for a group) announced for another device of the group, with its own challenge;
     * waits until enrollment-service recorded it.
     */
    public static Assignment assignAlso(Assignment shared, TestDevice device) {
        ProfileAssignedEvent e = shared.event();
        Assignment own = unpublished(e.tenant(), e.authorityId(), device, e.challengeExpiresAt());
        ProfileAssignedEvent o = own.event();
        Assignment assignment = new Assignment(new ProfileAssignedEvent(e.tenant(), device.id, e.assignmentId(),
                e.profileId(), e.authorityId(), e.scepUrl(), e.trustedCertificates(), o.policy(),
                e.renewalThresholdPercent(), o.sealedChallenge(), o.challengeHash(), o.challengeExpiresAt()));
        publish(assignment);
        Await.until("the challenge of " + device.id + " to be recorded", () -> Database.count(
                "select count(*) from challenge where challenge_hash = ?", o.challengeHash()) == 1);
        return assignment;
    }

    /** Publishes an assignment made by {@link #unpublished}, without waiting for enrollment-service. */
    public static void publish(Assignment assignment) {
        Kafka.publish(SOURCE, assignment.event());
    }

    /** An assignment with a challenge valid for an hour, not yet published. */
    public static Assignment unpublished(String tenant, String authorityId, TestDevice device) {
        return unpublished(tenant, authorityId, device, Instant.now().plus(Duration.ofHours(1)));
    }

    private static Assignment unpublished(String tenant, String authorityId, TestDevice device, Instant expiresAt) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash = sha256Hex(challenge);
        String sealed = Base64.getEncoder().encodeToString(
                ChallengeSeal.seal(challenge.getBytes(StandardCharsets.UTF_8), device.identity.getPublic()));
        ProfileAssignedEvent event = new ProfileAssignedEvent(tenant, device.id, "asg-" + UUID.randomUUID(),
                "prof-" + UUID.randomUUID(), authorityId, "http://localhost:8082/scep/" + tenant + "/" + authorityId,
                List.<TrustedCertificate>of(), policyFor(device), 20, sealed, hash, expiresAt);
        return new Assignment(event);
    }

    public static void unassign(Assignment assignment) {
        ProfileAssignedEvent e = assignment.event();
        Kafka.publish(SOURCE, new ProfileUnassignedEvent(e.tenant(), e.deviceId(), e.assignmentId(), e.profileId()));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
