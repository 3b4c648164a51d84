package io.stratus.enrollment.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.stratus.events.IssuancePolicy;

/**
 * One SCEP transaction (with the {@link RequesterKey} of who sent it): how it was authorised, the policy it is issued under (kept so a renewal reuses
 * it), and once the CA answered, its certificate (DER) or the reason it was refused. {@code openedAt} is when the
 * request was accepted, {@code assignedAt} when profile-service announced the assignment it relies on (null without
 * one); the CA compares them with the end of the device's assignment.
 */
public record Enrollment(String transactionId, String tenant, String authorityId, String deviceId,
        String challengeId, EnrollmentKind kind, String assignmentId, String profileId, IssuancePolicy policy,
        String renewedSerial, EnrollmentStatus status, byte[] certificateDer, String rejectReason,
        byte[] requesterKey, Instant openedAt, Instant assignedAt) {

    /** A PKCSReq authorised by a one-time challenge. */
    public static Enrollment pending(String transactionId, ChallengeRecord challenge) {
        return new Enrollment(transactionId, challenge.tenant(), challenge.authorityId(), challenge.deviceId(),
                challenge.id(), EnrollmentKind.ENROLL, challenge.assignmentId(), challenge.profileId(),
                challenge.policy(), null, EnrollmentStatus.PENDING, null, null, null, openedNow(),
                challenge.assignedAt());
    }

    /**
     * A RenewalReq of the certificate {@code renewedSerial}, issued under {@code original}'s policy, relying on the
     * assignment as last announced at {@code assignedAt} (null for a static-challenge certificate).
     */
    public static Enrollment renewal(String transactionId, Enrollment original, String renewedSerial,
            Instant assignedAt) {
        return new Enrollment(transactionId, original.tenant(), original.authorityId(), original.deviceId(), null,
                EnrollmentKind.RENEWAL, original.assignmentId(), original.profileId(), original.policy(),
                renewedSerial, EnrollmentStatus.PENDING, null, null, null, openedNow(), assignedAt);
    }

    /** A PKCSReq authorised by the CA's static challenge, under the default static policy. */
    public static Enrollment staticChallenge(String transactionId, String tenant, String authorityId,
            String deviceId, IssuancePolicy policy) {
        return new Enrollment(transactionId, tenant, authorityId, deviceId, null, EnrollmentKind.STATIC, null,
                null, policy, null, EnrollmentStatus.PENDING, null, null, null, openedNow(), null);
    }

    /** The CA and transaction id that identify this transaction. */
    public TransactionKey key() {
        return new TransactionKey(authorityId, transactionId);
    }

    /** This transaction as sent by the key {@code requesterKey} ({@link RequesterKey}). */
    public Enrollment sentBy(byte[] requesterKey) {
        return new Enrollment(transactionId, tenant, authorityId, deviceId, challengeId, kind, assignmentId, profileId,
                policy, renewedSerial, status, certificateDer, rejectReason, requesterKey, openedAt, assignedAt);
    }

    /** Now, as precisely as the database keeps it, so a transaction read back has the time it was opened with. */
    private static Instant openedNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
