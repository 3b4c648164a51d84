package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.DeviceKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<AppUser, DeviceKey> {

    public Uni<AppUser> find(String tenant, String id) {
        return findById(new DeviceKey(tenant, id));
    }

    public Uni<AppUser> findByUpn(String tenant, String upn) {
        return find("tenant = ?1 and lower(upn) = lower(?2)", tenant, upn).firstResult();
    }

    public Uni<List<AppUser>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    public Uni<List<AppUser>> page(String tenant, int limit) {
        return find("tenant = ?1", io.quarkus.panache.common.Sort.by("id"), tenant).page(0, limit).list();
    }
}
