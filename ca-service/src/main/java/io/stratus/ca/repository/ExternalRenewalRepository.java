package io.stratus.ca.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.ExternalRenewalEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** Renewals of external CAs that wait for their external signature. */
@ApplicationScoped
public class ExternalRenewalRepository implements PanacheRepositoryBase<ExternalRenewalEntity, String> {

    public Uni<ExternalRenewalEntity> of(String authorityId) {
        return findById(authorityId);
    }

    public Uni<List<ExternalRenewalEntity>> of(List<String> authorityIds) {
        if (authorityIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("authorityId in ?1", authorityIds);
    }
}
