package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, DeviceKey> {

    public Uni<Device> find(String tenant, String id) {
        return findById(new DeviceKey(tenant, id));
    }

    public Uni<List<Device>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    /** Devices of the tenant in any of {@code includeGroupIds} and in none of {@code excludeGroupIds}. */
    public Uni<List<Device>> inScope(String tenant, Collection<String> includeGroupIds,
            Collection<String> excludeGroupIds) {
        String included = "tenant = ?1 and id in (select m.deviceId from GroupMember m where m.tenant = ?1"
                + " and m.groupId in ?2)";
        if (excludeGroupIds.isEmpty()) {
            return list(included + " order by id", tenant, includeGroupIds);
        }
        return list(included + " and id not in (select x.deviceId from GroupMember x where x.tenant = ?1"
                + " and x.groupId in ?3) order by id", tenant, includeGroupIds, excludeGroupIds);
    }
}
