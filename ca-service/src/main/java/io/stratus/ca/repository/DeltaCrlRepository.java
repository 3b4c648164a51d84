package io.stratus.ca.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.DeltaCrlEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** Delta CRL state of CA key generations. */
@ApplicationScoped
public class DeltaCrlRepository implements PanacheRepositoryBase<DeltaCrlEntity, DeltaCrlEntity.Key> {

    public Uni<DeltaCrlEntity> find(String authorityId, int keyGeneration) {
        return find("authorityId = ?1 and keyGeneration = ?2", authorityId, keyGeneration).firstResult();
    }
}
