package io.stratus.simulator.entity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.stratus.events.ProfileAssignedEvent;

/**
 * One assignment as a device holds it: the last ProfileAssigned accepted for it (SCEP URL, policy,
 * renewal threshold; the challenge in it stays sealed), the challenges already acted on (so a replayed
 * event is recognised), the trusted certificates it installed, and its certificate and private key.
 * Not thread-safe on its own: {@link SimulatedDevice} guards it.
 */
public final class DeviceAssignment {

    private final String assignmentId;
    private final Set<String> handledChallenges = new LinkedHashSet<>();
    private String profileId;
    private ProfileAssignedEvent event;
    private AssignmentState state = AssignmentState.ENROLLING;
    private String error;
    private List<InstalledCertificate> trusted = List.of();
    private X509Certificate certificate;
    private PrivateKey privateKey;
    private Long enrollMillis;
    private Instant enrolledAt;
    private int renewals;

    public DeviceAssignment(String assignmentId) {
        this.assignmentId = assignmentId;
    }

    public String assignmentId() {
        return assignmentId;
    }

    public String profileId() {
        return profileId;
    }

    public ProfileAssignedEvent event() {
        return event;
    }

    public AssignmentState state() {
        return state;
    }

    public String error() {
        return error;
    }

    public List<InstalledCertificate> trusted() {
        return trusted;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public Long enrollMillis() {
        return enrollMillis;
    }

    public Instant enrolledAt() {
        return enrolledAt;
    }

    public int renewals() {
        return renewals;
    }

    public Set<String> handledChallenges() {
        return Set.copyOf(handledChallenges);
    }

    public boolean handled(String challengeHash) {
        return challengeHash != null && handledChallenges.contains(challengeHash);
    }

    /** True while the device still holds it (not unassigned). */
    public boolean active() {
        return state != AssignmentState.UNASSIGNED;
    }

    /** True while the certificate is usable: enrolled or being renewed with it. */
    public boolean holdsValidCertificate() {
        return certificate != null && (state == AssignmentState.ENROLLED || state == AssignmentState.RENEWING);
    }

    void accept(ProfileAssignedEvent assigned) {
        event = assigned;
        profileId = assigned.profileId();
        if (assigned.challengeHash() != null) {
            handledChallenges.add(assigned.challengeHash());
        }
        state = AssignmentState.ENROLLING;
        error = null;
    }

    void installed(List<InstalledCertificate> certificates) {
        trusted = List.copyOf(certificates);
    }

    void enrolled(X509Certificate issued, PrivateKey key, long millis, boolean renewal) {
        certificate = issued;
        privateKey = key;
        enrollMillis = millis;
        enrolledAt = Instant.now();
        state = AssignmentState.ENROLLED;
        error = null;
        if (renewal) {
            renewals++;
        }
    }

    void renewing() {
        state = AssignmentState.RENEWING;
        error = null;
    }

    void failed(String reason) {
        state = AssignmentState.FAILED;
        error = reason;
    }

    /** A renewal that failed keeps the current certificate in use. */
    void renewalFailed(String reason) {
        state = certificate != null ? AssignmentState.ENROLLED : AssignmentState.FAILED;
        error = "renewal failed: " + reason;
    }

    void revoked(String reason) {
        state = AssignmentState.REVOKED;
        error = "certificate revoked" + (reason == null ? "" : " (" + reason + ")");
    }

    void unassigned() {
        state = AssignmentState.UNASSIGNED;
        error = null;
        certificate = null;
        privateKey = null;
        trusted = List.of();
    }

    /** Restores persisted state. */
    public static DeviceAssignment restore(String assignmentId, String profileId, ProfileAssignedEvent event,
            AssignmentState state, String error, List<InstalledCertificate> trusted, X509Certificate certificate,
            PrivateKey privateKey, Long enrollMillis, Instant enrolledAt, int renewals, List<String> challenges) {
        DeviceAssignment assignment = new DeviceAssignment(assignmentId);
        assignment.profileId = profileId;
        assignment.event = event;
        assignment.state = state;
        assignment.error = error;
        assignment.trusted = trusted == null ? List.of() : List.copyOf(trusted);
        assignment.certificate = certificate;
        assignment.privateKey = privateKey;
        assignment.enrollMillis = enrollMillis;
        assignment.enrolledAt = enrolledAt;
        assignment.renewals = renewals;
        if (challenges != null) {
            assignment.handledChallenges.addAll(new ArrayList<>(challenges));
        }
        return assignment;
    }

    /** A copy, safe to read outside the device's lock. */
    public DeviceAssignment copy() {
        return restore(assignmentId, profileId, event, state, error, trusted, certificate, privateKey, enrollMillis,
                enrolledAt, renewals, new ArrayList<>(handledChallenges));
    }
}
