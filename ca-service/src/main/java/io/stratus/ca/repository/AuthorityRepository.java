package io.stratus.ca.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.events.AuthorityStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** CAs, always looked up within a tenant; soft-deleted CAs are invisible except to their parent's CRL. */
@ApplicationScoped
public class AuthorityRepository implements PanacheRepositoryBase<AuthorityEntity, String> {

    public Uni<List<AuthorityEntity>> listByTenant(String tenant) {
        return list("tenant = ?1 and deletedAt is null order by createdAt, id", tenant);
    }

    /** The CA with this id in this tenant, or null (also for a deleted CA). */
    public Uni<AuthorityEntity> findInTenant(String tenant, String id) {
        return find("tenant = ?1 and id = ?2 and deletedAt is null", tenant, id).firstResult();
    }

    /** Like {@link #findInTenant} but locks the row until the transaction ends (lifecycle changes, CRL signing). */
    public Uni<AuthorityEntity> lockInTenant(String tenant, String id) {
        return find("tenant = ?1 and id = ?2 and deletedAt is null", tenant, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Long> countByTenant(String tenant) {
        return count("tenant = ?1 and deletedAt is null", tenant);
    }

    /** The issuing CAs of a root that are not deleted. */
    public Uni<List<AuthorityEntity>> childrenOf(String parentId) {
        return list("parentId = ?1 and deletedAt is null order by createdAt, id", parentId);
    }

    /** The revoked issuing CAs of a root, deleted ones included: they stay on the root's CRL. */
    public Uni<List<AuthorityEntity>> revokedChildrenOf(String parentId) {
        return list("parentId = ?1 and status = ?2 order by revokedAt", parentId, AuthorityStatus.REVOKED);
    }

    /**
     * Serializes CA creation within a tenant until the current transaction ends (a PostgreSQL advisory lock),
     * so two concurrent requests cannot both pass the per-tenant limit.
     */
    public Uni<Void> lockTenant(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext(:tenant))")
                        .setParameter("tenant", "authority:" + tenant)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Ids of all CAs (deleted ones too: their keys still sign nothing, but stay readable) of a key protection. */
    /** CAs holding any key of this kind: the current one, or one of an earlier certificate generation. */
    public Uni<List<String>> idsWithAnyKeyProtection(String kind) {
        return list("keyProtection = ?1 or id in (select g.authorityId from CaCertificateEntity g where g.keyProtection = ?1)"
                + " order by createdAt", kind).map(rows -> rows.stream().map(row -> row.id).toList());
    }

    /** The CA with this id, locked until the transaction ends. */
    public Uni<AuthorityEntity> lockById(String id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
