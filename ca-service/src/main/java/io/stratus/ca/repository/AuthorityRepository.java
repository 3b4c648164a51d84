package io.stratus.ca.repository;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** CAs, always looked up within a tenant. */
@ApplicationScoped
public class AuthorityRepository implements PanacheRepositoryBase<AuthorityEntity, String> {

    public Uni<List<AuthorityEntity>> listByTenant(String tenant) {
        return list("tenant = ?1 order by createdAt, id", tenant);
    }

    /** The CA with this id in this tenant, or null. */
    public Uni<AuthorityEntity> findInTenant(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<Long> countByTenant(String tenant) {
        return count("tenant", tenant);
    }

    /**
     * Stores a newly signed CRL if nobody else stored one since {@code previousNumber} was read.
     *
     * @return 1 when stored, 0 when another CRL won
     */
    public Uni<Integer> storeCrl(String id, long previousNumber, long number, byte[] der, Instant nextUpdate) {
        return update("crlNumber = ?1, crlDer = ?2, crlNextUpdate = ?3 where id = ?4 and crlNumber = ?5", number, der,
                nextUpdate, id, previousNumber);
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
}
