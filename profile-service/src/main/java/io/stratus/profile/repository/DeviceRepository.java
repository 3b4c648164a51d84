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

    /** Devices that are members of the groups ?N, directly or through their primary user. */
    private static final String IN_GROUPS = "(id in (select m.deviceId from GroupMember m where m.tenant = ?1"
            + " and m.groupId in ?N) or coalesce(primaryUserId, '') in (select u.userId from GroupUserMember u"
            + " where u.tenant = ?1 and u.groupId in ?N))";

    public Uni<Device> find(String tenant, String id) {
        return findById(new DeviceKey(tenant, id));
    }

    public Uni<List<Device>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    /** The devices whose primary user is one of {@code userIds}. */
    public Uni<List<Device>> ofUsers(String tenant, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and primaryUserId in ?2", tenant, userIds);
    }

    /**
     * Devices of the tenant in any of {@code includeGroupIds} and in none of {@code excludeGroupIds}, a device
     * being in a group as a member or through its primary user.
     */
    public Uni<List<Device>> inScope(String tenant, Collection<String> includeGroupIds,
            Collection<String> excludeGroupIds) {
        String included = "tenant = ?1 and " + IN_GROUPS.replace("?N", "?2");
        if (excludeGroupIds.isEmpty()) {
            return list(included + " order by id", tenant, includeGroupIds);
        }
        return list(included + " and not " + IN_GROUPS.replace("?N", "?3") + " order by id", tenant,
                includeGroupIds, excludeGroupIds);
    }

    /** Like {@link #inScope(String, Collection, Collection)} but only among {@code candidates}. */
    public Uni<List<Device>> inScopeAmong(String tenant, Collection<String> includeGroupIds,
            Collection<String> excludeGroupIds, Collection<String> candidates) {
        if (candidates.isEmpty() || includeGroupIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String included = "tenant = ?1 and id in ?4 and " + IN_GROUPS.replace("?N", "?2");
        if (excludeGroupIds.isEmpty()) {
            return list(included.replace("?4", "?3") + " order by id", tenant, includeGroupIds, candidates);
        }
        return list(included + " and not " + IN_GROUPS.replace("?N", "?3") + " order by id", tenant,
                includeGroupIds, excludeGroupIds, candidates);
    }
}
