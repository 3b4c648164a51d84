package io.stratus.profile.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.DeviceKey;
import io.stratus.profile.entity.KnownAuthority;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KnownAuthorityRepository implements PanacheRepositoryBase<KnownAuthority, DeviceKey> {

    public Uni<KnownAuthority> find(String tenant, String id) {
        return findById(new DeviceKey(tenant, id));
    }
}
