package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.TrustedProfile;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TrustedProfileRepository implements PanacheRepositoryBase<TrustedProfile, String> {

    public Uni<TrustedProfile> find(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<List<TrustedProfile>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    public Uni<List<TrustedProfile>> ofTenant(String tenant) {
        return list("tenant = ?1 order by name, id", (Object) tenant);
    }
}
