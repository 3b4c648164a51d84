package io.stratus.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.StaticChallengeEntity;
import io.stratus.enrollment.service.StaticChallengeStore;
import io.stratus.enrollment.service.StoredStaticChallenge;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheStaticChallengeStore implements StaticChallengeStore {

    @Override
    @WithSession
    public Uni<StoredStaticChallenge> find(String authorityId) {
        return StaticChallengeEntity.<StaticChallengeEntity>findById(authorityId).map(e -> e == null ? null
                : new StoredStaticChallenge(e.authorityId, e.tenant, e.salt, e.hash, e.updatedAt));
    }

    @Override
    @WithTransaction
    public Uni<Void> save(StoredStaticChallenge challenge) {
        return StaticChallengeEntity.<StaticChallengeEntity>findById(challenge.authorityId()).chain(existing -> {
            StaticChallengeEntity e = existing != null ? existing : new StaticChallengeEntity();
            e.authorityId = challenge.authorityId();
            e.tenant = challenge.tenant();
            e.salt = challenge.salt();
            e.hash = challenge.hash();
            e.updatedAt = challenge.updatedAt();
            return existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
        });
    }

    @Override
    @WithTransaction
    public Uni<Boolean> delete(String authorityId) {
        return StaticChallengeEntity.deleteById(authorityId);
    }
}
