package io.stratus.enrollment.repository;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.ChallengeEntity;
import io.stratus.enrollment.entity.EnrollmentEntity;
import io.stratus.enrollment.mapping.EntityMapping;
import io.stratus.enrollment.service.Enrollment;
import io.stratus.enrollment.service.EnrollmentStatus;
import io.stratus.enrollment.service.EnrollmentStore;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheEnrollmentStore implements EnrollmentStore {

    @Override
    @WithSession
    public Uni<Enrollment> find(String transactionId) {
        return EnrollmentEntity.<EnrollmentEntity>findById(transactionId).map(EntityMapping::toEnrollment);
    }

    @Override
    public Uni<OpenResult> open(Enrollment pending, byte[] csrDer) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> EnrollmentEntity.<EnrollmentEntity>findById(pending.transactionId())
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(OpenResult.DUPLICATE_TRANSACTION)
                        : claimAndInsert(pending, csrDer, now)))
                // a concurrent request with the same transaction id won the insert; everything rolled back
                .onFailure(UniqueViolations::isUniqueViolation)
                .recoverWithItem(OpenResult.DUPLICATE_TRANSACTION);
    }

    private static Uni<OpenResult> claimAndInsert(Enrollment pending, byte[] csrDer, Instant now) {
        if (pending.challengeId() == null) {
            // a renewal or a static challenge: nothing to claim
            return insert(pending, csrDer, now);
        }
        return ChallengeEntity.update("usedAt = ?1 where id = ?2 and usedAt is null and voidedAt is null"
                + " and expiresAt > ?1", now, pending.challengeId())
                .chain(claimed -> claimed == 0
                        ? Uni.createFrom().item(OpenResult.CHALLENGE_UNAVAILABLE)
                        : insert(pending, csrDer, now));
    }

    private static Uni<OpenResult> insert(Enrollment pending, byte[] csrDer, Instant now) {
        EnrollmentEntity entity = EntityMapping.toEntity(pending, now);
        entity.csrDer = csrDer;
        entity.relayedAt = now;
        return entity.persistAndFlush().replaceWith(OpenResult.OPENED);
    }

    @Override
    @WithTransaction
    public Uni<byte[]> claimRelay(String transactionId, Instant relayedBefore, Instant now) {
        // one conditional update: of concurrent polls, only the one that moves relayed_at gets the CSR
        return EnrollmentEntity.update("relayedAt = ?1 where transactionId = ?2 and status = ?3"
                + " and csrDer is not null and (relayedAt is null or relayedAt < ?4)", now, transactionId,
                EnrollmentStatus.PENDING.name(), relayedBefore)
                .chain(claimed -> claimed == 0 ? Uni.createFrom().<byte[]>nullItem()
                        : EnrollmentEntity.<EnrollmentEntity>findById(transactionId)
                                .map(entity -> entity == null ? null : entity.csrDer));
    }

    @Override
    @WithTransaction
    public Uni<Enrollment> complete(String transactionId, EnrollmentStatus status, byte[] certificateDer,
            String rejectReason) {
        return EnrollmentEntity.<EnrollmentEntity>findById(transactionId).map(entity -> {
            if (entity == null) {
                return null;
            }
            if (EnrollmentStatus.PENDING.name().equals(entity.status)) {
                entity.status = status.name();
                entity.certificateDer = certificateDer;
                entity.rejectReason = rejectReason;
                // kept only to relay a PENDING request again; it holds the challengePassword (the static one, in
                // static mode), so it goes as soon as the transaction has its outcome
                entity.csrDer = null;
                entity.updatedAt = Instant.now();
            }
            return EntityMapping.toEnrollment(entity);
        });
    }

    @Override
    @WithTransaction
    public Uni<Void> abandon(Enrollment pending) {
        return EnrollmentEntity.delete("transactionId = ?1 and status = ?2", pending.transactionId(),
                EnrollmentStatus.PENDING.name())
                .chain(deleted -> deleted == 0 || pending.challengeId() == null
                        ? Uni.createFrom().voidItem()
                        : ChallengeEntity.update("usedAt = null where id = ?1", pending.challengeId())
                                .replaceWithVoid());
    }
}
