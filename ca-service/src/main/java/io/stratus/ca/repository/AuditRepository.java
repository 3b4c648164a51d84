package io.stratus.ca.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuditHeadEntity;
import io.stratus.ca.entity.AuditRecordEntity;
import io.stratus.ca.service.audit.AuditChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** The audit log of every tenant and the head of each chain. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditRecordEntity, AuditRecordEntity.Key> {

    /** The head of the tenant's chain, created if missing, locked until the transaction ends. */
    public Uni<AuditHeadEntity> lockHead(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into audit_head (tenant, last_sequence, last_hash)"
                        + " values (:tenant, 0, :zero) on conflict (tenant) do nothing")
                        .setParameter("tenant", tenant)
                        .setParameter("zero", AuditChain.GENESIS_HASH)
                        .executeUpdate())
                .chain(() -> Panache.getSession())
                .chain(session -> session.find(AuditHeadEntity.class, tenant, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The head of the tenant's chain without locking, or null when the tenant has no record. */
    public Uni<AuditHeadEntity> head(String tenant) {
        return Panache.getSession().chain(session -> session.find(AuditHeadEntity.class, tenant));
    }

    /** Records after {@code afterSequence} in order, at most {@code limit}. */
    public Uni<List<AuditRecordEntity>> page(String tenant, long afterSequence, int limit) {
        return find("tenant = ?1 and sequence > ?2 order by sequence", tenant, afterSequence)
                .range(0, limit - 1).list();
    }
}
