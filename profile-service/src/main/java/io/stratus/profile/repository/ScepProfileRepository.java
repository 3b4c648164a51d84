package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.ScepProfile;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ScepProfileRepository implements PanacheRepositoryBase<ScepProfile, String> {

    public Uni<ScepProfile> find(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<List<ScepProfile>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    public Uni<List<ScepProfile>> ofTenant(String tenant) {
        return list("tenant = ?1 order by name, id", (Object) tenant);
    }

    /** The tenant's SCEP profiles whose trusted profiles include {@code trustedProfileId} (GIN-indexed). */
    public Uni<List<ScepProfile>> referencing(String tenant, String trustedProfileId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from scep_profile where tenant = :tenant"
                        + " and trusted_profile_ids @> array[cast(:id as text)] order by created_at, id",
                        ScepProfile.class)
                .setParameter("tenant", tenant)
                .setParameter("id", trustedProfileId)
                .getResultList());
    }
}
