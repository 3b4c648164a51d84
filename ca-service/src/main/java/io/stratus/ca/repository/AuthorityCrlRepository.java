package io.stratus.ca.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityCrlEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** CRL state of CA key generations after the first. */
@ApplicationScoped
public class AuthorityCrlRepository implements PanacheRepositoryBase<AuthorityCrlEntity, AuthorityCrlEntity.Key> {

    public Uni<AuthorityCrlEntity> find(String authorityId, int keyGeneration) {
        return find("authorityId = ?1 and keyGeneration = ?2", authorityId, keyGeneration).firstResult();
    }

    /** Marks the CRL of the key generation stale, creating its row when it has none yet. */
    public Uni<Void> markStale(String authorityId, int keyGeneration) {
        return find(authorityId, keyGeneration).chain(row -> {
            if (row != null) {
                row.crlStale = true;
                return Uni.createFrom().voidItem();
            }
            AuthorityCrlEntity created = new AuthorityCrlEntity();
            created.authorityId = authorityId;
            created.keyGeneration = keyGeneration;
            created.crlStale = true;
            return persist(created).replaceWithVoid();
        });
    }
}
