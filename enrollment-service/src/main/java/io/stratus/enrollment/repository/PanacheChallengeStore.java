package io.stratus.enrollment.repository;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.ChallengeEntity;
import io.stratus.enrollment.mapping.EntityMapping;
import io.stratus.enrollment.service.ChallengeRecord;
import io.stratus.enrollment.service.ChallengeStore;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheChallengeStore implements ChallengeStore {

    @Override
    @WithTransaction
    public Uni<Boolean> recordIfAbsent(ChallengeRecord record) {
        return ChallengeEntity.count("challengeHash", record.challengeHash()).chain(count -> count > 0
                ? Uni.createFrom().item(false)
                : EntityMapping.toEntity(record, Instant.now()).persist().replaceWith(true));
    }

    @Override
    @WithSession
    public Uni<ChallengeRecord> findByHash(String challengeHash) {
        return ChallengeEntity.<ChallengeEntity>find("challengeHash", challengeHash).firstResult()
                .map(EntityMapping::toChallenge);
    }

    @Override
    @WithTransaction
    public Uni<Integer> voidUnused(String tenant, String deviceId, String assignmentId, Instant at) {
        return ChallengeEntity.update("voidedAt = ?1 where tenant = ?2 and deviceId = ?3 and assignmentId = ?4"
                + " and usedAt is null and voidedAt is null", at, tenant, deviceId, assignmentId);
    }
}
