package io.stratus.enrollment.service;

/** One SCEP transaction and, once the CA answered, its certificate (DER) or the reason it was refused. */
public record Enrollment(String transactionId, String tenant, String authorityId, String deviceId,
        String challengeId, EnrollmentStatus status, byte[] certificateDer, String rejectReason) {

    public static Enrollment pending(String transactionId, ChallengeRecord challenge) {
        return new Enrollment(transactionId, challenge.tenant(), challenge.authorityId(), challenge.deviceId(),
                challenge.id(), EnrollmentStatus.PENDING, null, null);
    }
}
