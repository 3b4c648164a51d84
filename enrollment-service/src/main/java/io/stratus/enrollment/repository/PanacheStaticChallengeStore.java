package io.stratus.enrollment.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.StaticChallengeEntity;
import io.stratus.enrollment.messaging.AuditRelay;
import io.stratus.enrollment.service.StaticChallengeStore;
import io.stratus.enrollment.service.StoredStaticChallenge;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;

/** The static challenges set through the admin API; each change is audited in its own transaction (never the secret). */
@ApplicationScoped
public class PanacheStaticChallengeStore implements StaticChallengeStore {

    static final String SET = "STATIC_CHALLENGE_SET";
    static final String REMOVED = "STATIC_CHALLENGE_REMOVED";

    private final AuditTrail audit;
    private final AuditRelay relay;

    public PanacheStaticChallengeStore(AuditTrail audit, AuditRelay relay) {
        this.audit = audit;
        this.relay = relay;
    }

    @Override
    @WithSession
    public Uni<StoredStaticChallenge> find(String authorityId) {
        return StaticChallengeEntity.<StaticChallengeEntity>findById(authorityId).map(e -> e == null ? null
                : new StoredStaticChallenge(e.authorityId, e.tenant, e.salt, e.hash, e.updatedAt));
    }

    @Override
    public Uni<Void> save(StoredStaticChallenge challenge, String actor) {
        return Panache.withTransaction(() -> StaticChallengeEntity.<StaticChallengeEntity>findById(challenge.authorityId())
                .chain(existing -> {
                    StaticChallengeEntity e = existing != null ? existing : new StaticChallengeEntity();
                    e.authorityId = challenge.authorityId();
                    e.tenant = challenge.tenant();
                    e.salt = challenge.salt();
                    e.hash = challenge.hash();
                    e.updatedAt = challenge.updatedAt();
                    Uni<Void> stored = existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
                    return stored.chain(() -> record(challenge.tenant(), actor, SET, challenge.authorityId(),
                            existing != null ? " (replaced)" : ""));
                }))
                .invoke(relay::wake);
    }

    @Override
    public Uni<Boolean> delete(String tenant, String authorityId, String actor) {
        return Panache.withTransaction(() -> StaticChallengeEntity.deleteById(authorityId)
                .call(deleted -> deleted ? record(tenant, actor, REMOVED, authorityId, "")
                        : Uni.createFrom().voidItem()))
                .invoke(relay::wake);
    }

    private Uni<Void> record(String tenant, String actor, String action, String authorityId, String detail) {
        return Panache.getSession().chain(session -> audit.append(session, tenant, actor, action,
                "authority:" + authorityId, AuditRecord.SUCCESS + detail)).replaceWithVoid();
    }
}
