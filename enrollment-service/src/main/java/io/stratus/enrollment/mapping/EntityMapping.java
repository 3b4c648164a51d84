package io.stratus.enrollment.mapping;

import java.time.Instant;

import io.stratus.enrollment.entity.AuthorityEntity;
import io.stratus.enrollment.entity.ChallengeEntity;
import io.stratus.enrollment.entity.EnrollmentEntity;
import io.stratus.enrollment.entity.RaCredentialEntity;
import io.stratus.enrollment.service.Authority;
import io.stratus.enrollment.service.ChallengeRecord;
import io.stratus.enrollment.service.Enrollment;
import io.stratus.enrollment.service.EnrollmentKind;
import io.stratus.enrollment.service.EnrollmentStatus;
import io.stratus.enrollment.service.NextCaCertificate;
import io.stratus.enrollment.service.StoredRaCredential;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;

/** Entities to the service's records and back. */
public final class EntityMapping {

    private EntityMapping() {
    }

    public static Authority toAuthority(AuthorityEntity e) {
        return e == null ? null
                : new Authority(e.id, e.tenant, AuthorityKind.valueOf(e.kind), AuthorityStatus.valueOf(e.status),
                        e.certificatePem, e.chainPem, e.generation, nextOf(e), e.previousCertificatesPem);
    }

    private static NextCaCertificate nextOf(AuthorityEntity e) {
        return e.nextGeneration == null || e.nextCertificatePem == null ? null
                : new NextCaCertificate(e.nextGeneration, e.nextCertificatePem, e.nextChainPem);
    }

    public static void copy(Authority a, AuthorityEntity e, Instant now) {
        e.id = a.id();
        e.tenant = a.tenant();
        e.kind = a.kind().name();
        e.status = a.status().name();
        e.certificatePem = a.certificatePem();
        e.chainPem = a.chainPem();
        e.generation = a.generation();
        e.nextGeneration = a.next() == null ? null : a.next().generation();
        e.nextCertificatePem = a.next() == null ? null : a.next().certificatePem();
        e.nextChainPem = a.next() == null ? null : a.next().chainPem();
        e.previousCertificatesPem = a.previousCertificatesPem();
        e.updatedAt = now;
    }

    public static StoredRaCredential toRaCredential(RaCredentialEntity e) {
        return e == null ? null
                : new StoredRaCredential(e.authorityId, e.wrappedKey, e.csrDer, e.certificatePem, e.transactionId,
                        e.nextTransactionId == null ? null
                                : new StoredRaCredential.NextRaKey(e.nextWrappedKey, e.nextCsrDer, e.nextTransactionId));
    }

    public static RaCredentialEntity toEntity(StoredRaCredential c, Instant now) {
        RaCredentialEntity e = new RaCredentialEntity();
        e.authorityId = c.authorityId();
        e.wrappedKey = c.wrappedKey();
        e.csrDer = c.csrDer();
        e.certificatePem = c.certificatePem();
        e.transactionId = c.transactionId();
        e.createdAt = now;
        e.relayedAt = now;
        return e;
    }

    public static ChallengeRecord toChallenge(ChallengeEntity e) {
        return e == null ? null
                : new ChallengeRecord(e.id, e.tenant, e.deviceId, e.assignmentId, e.profileId, e.authorityId,
                        e.challengeHash, PolicyJson.read(e.policy), e.expiresAt, e.usedAt, e.voidedAt);
    }

    public static ChallengeEntity toEntity(ChallengeRecord r, Instant now) {
        ChallengeEntity e = new ChallengeEntity();
        e.id = r.id();
        e.tenant = r.tenant();
        e.deviceId = r.deviceId();
        e.assignmentId = r.assignmentId();
        e.profileId = r.profileId();
        e.authorityId = r.authorityId();
        e.challengeHash = r.challengeHash();
        e.policy = PolicyJson.write(r.policy());
        e.expiresAt = r.expiresAt();
        e.usedAt = r.usedAt();
        e.voidedAt = r.voidedAt();
        e.createdAt = now;
        return e;
    }

    public static Enrollment toEnrollment(EnrollmentEntity e) {
        return e == null ? null
                : new Enrollment(e.transactionId, e.tenant, e.authorityId, e.deviceId, e.challengeId,
                        EnrollmentKind.valueOf(e.kind), e.assignmentId, e.profileId,
                        e.policy == null ? null : PolicyJson.read(e.policy), e.renewedSerial,
                        EnrollmentStatus.valueOf(e.status), e.certificateDer, e.rejectReason);
    }

    public static EnrollmentEntity toEntity(Enrollment r, Instant now) {
        EnrollmentEntity e = new EnrollmentEntity();
        e.transactionId = r.transactionId();
        e.tenant = r.tenant();
        e.authorityId = r.authorityId();
        e.deviceId = r.deviceId();
        e.challengeId = r.challengeId();
        e.kind = r.kind().name();
        e.assignmentId = r.assignmentId();
        e.profileId = r.profileId();
        e.policy = r.policy() == null ? null : PolicyJson.write(r.policy());
        e.renewedSerial = r.renewedSerial();
        e.status = r.status().name();
        e.certificateDer = r.certificateDer();
        e.rejectReason = r.rejectReason();
        e.createdAt = now;
        e.updatedAt = now;
        return e;
    }
}
