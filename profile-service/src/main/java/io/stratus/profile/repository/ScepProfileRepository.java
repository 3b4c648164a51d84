package io.stratus.profile.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.ScepProfile;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ScepProfileRepository implements PanacheRepositoryBase<ScepProfile, String> {

    public Uni<ScepProfile> find(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }
}
