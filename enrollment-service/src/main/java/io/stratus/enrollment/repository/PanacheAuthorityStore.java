package io.stratus.enrollment.repository;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.AuthorityEntity;
import io.stratus.enrollment.mapping.EntityMapping;
import io.stratus.enrollment.service.Authority;
import io.stratus.enrollment.service.AuthorityStore;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheAuthorityStore implements AuthorityStore {

    @Override
    @WithSession
    public Uni<Authority> find(String authorityId) {
        return AuthorityEntity.<AuthorityEntity>findById(authorityId).map(EntityMapping::toAuthority);
    }

    @Override
    @WithTransaction
    public Uni<Void> save(Authority authority) {
        return AuthorityEntity.<AuthorityEntity>findById(authority.id()).chain(existing -> {
            if (existing != null) {
                EntityMapping.copy(authority, existing, Instant.now());
                return Uni.createFrom().voidItem();
            }
            AuthorityEntity created = new AuthorityEntity();
            EntityMapping.copy(authority, created, Instant.now());
            return created.persist().replaceWithVoid();
        });
    }
}
