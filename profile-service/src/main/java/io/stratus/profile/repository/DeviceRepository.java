package io.stratus.profile.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, DeviceKey> {

    /** Ids per IN list, well below PostgreSQL's 65,535 bind parameters. */
    private static final int ID_CHUNK = 10_000;

    /** Devices that are members of the groups ?N, directly or through their primary user. */
    private static final String IN_GROUPS = "(id in (select m.deviceId from GroupMember m where m.tenant = ?1"
            + " and m.groupId in ?N) or coalesce(primaryUserId, '') in (select u.userId from GroupUserMember u"
            + " where u.tenant = ?1 and u.groupId in ?N))";

    /**
     * The same membership as {@link #IN_GROUPS} for the device aliased {@code d}, as correlated EXISTS probes: a
     * query that walks devices in id order (a page of a large group) stops after its page, and one that checks a
     * list of devices probes the members' index for each of them, where the IN form made PostgreSQL read every member
     * of the groups (and, with 100,000, spill to disk) for every slice of a rollout.
     */
    private static final String D_IN_GROUPS = "(exists (select 1 from GroupMember m where m.tenant = ?1"
            + " and m.groupId in ?N and m.deviceId = d.id) or exists (select 1 from GroupUserMember u"
            + " where u.tenant = ?1 and u.groupId in ?N and u.userId = d.primaryUserId))";

    public Uni<Device> find(String tenant, String id) {
        return findById(new DeviceKey(tenant, id));
    }

    /**
     * Locks a device against concurrent edits and deletion until the transaction ends (FOR NO KEY UPDATE). Rows
     * that only reference the device (memberships, assignment rows) can still be added meanwhile. Call it before
     * the device is first loaded in the transaction, so the load sees the latest committed state.
     */
    public Uni<Void> lockForEdit(String tenant, String id) {
        return lockRow(tenant, id, "for no key update");
    }

    /**
     * Locks a device for deletion (FOR UPDATE). This waits for transactions that are adding rows referencing the
     * device (their foreign-key check holds a KEY SHARE lock on it) and makes new ones wait, so the rows read
     * afterwards are all the rows the device has.
     */
    public Uni<Void> lockForDelete(String tenant, String id) {
        return lockRow(tenant, id, "for update");
    }

    private Uni<Void> lockRow(String tenant, String id, String lockClause) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select id from device where tenant = :tenant and id = :id " + lockClause)
                .setParameter("tenant", tenant).setParameter("id", id).getResultList())
                .replaceWithVoid();
    }

    public Uni<List<Device>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    /** The devices whose primary user is one of {@code userIds} (queried in chunks of 10,000 ids). */
    public Uni<List<Device>> ofUsers(String tenant, Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        Uni<List<Device>> all = Uni.createFrom().<List<Device>>item(ArrayList::new);
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
            all = all.chain(found -> list("tenant = ?1 and primaryUserId in ?2", tenant, chunk)
                    .map(more -> {
                        found.addAll(more);
                        return found;
                    }));
        }
        return all;
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

    /**
     * Up to {@code limit} devices in scope (include groups minus exclude groups) in id order, after the id
     * {@code after} (null: from the first).
     */
    public Uni<List<Device>> inScopeAfter(String tenant, Collection<String> includeGroupIds,
            Collection<String> excludeGroupIds, String after, int limit) {
        String scope = "from Device d where d.tenant = ?1 and d.id > ?3 and " + D_IN_GROUPS.replace("?N", "?2")
                + (excludeGroupIds.isEmpty() ? "" : " and not " + D_IN_GROUPS.replace("?N", "?4"));
        var query = excludeGroupIds.isEmpty()
                ? find(scope + " order by d.id", tenant, includeGroupIds, after == null ? "" : after)
                : find(scope + " order by d.id", tenant, includeGroupIds, after == null ? "" : after, excludeGroupIds);
        return query.range(0, limit - 1).list();
    }

    /** Up to {@code limit} devices in the scope of {@code groupIds} after the id {@code after} (null: the first). */
    public Uni<List<String>> idsInScopeAfter(String tenant, Collection<String> groupIds, String after, int limit) {
        String included = "tenant = ?1 and " + IN_GROUPS.replace("?N", "?2");
        var query = after == null
                ? find(included + " order by id", tenant, groupIds)
                : find(included + " and id > ?3 order by id", tenant, groupIds, after);
        return query.range(0, limit - 1).list().map(found -> found.stream().map(device -> device.id).toList());
    }

    public Uni<Long> countInScope(String tenant, Collection<String> groupIds) {
        return count("tenant = ?1 and " + IN_GROUPS.replace("?N", "?2"), tenant, groupIds);
    }

    /** Like {@link #inScope(String, Collection, Collection)} but only among {@code candidates}. */
    public Uni<List<Device>> inScopeAmong(String tenant, Collection<String> includeGroupIds,
            Collection<String> excludeGroupIds, Collection<String> candidates) {
        if (candidates.isEmpty() || includeGroupIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String included = "from Device d where d.tenant = ?1 and d.id in ?4 and " + D_IN_GROUPS.replace("?N", "?2");
        if (excludeGroupIds.isEmpty()) {
            return list(included.replace("?4", "?3") + " order by d.id", tenant, includeGroupIds, candidates);
        }
        return list(included + " and not " + D_IN_GROUPS.replace("?N", "?3") + " order by d.id", tenant,
                includeGroupIds, excludeGroupIds, candidates);
    }

    public Uni<List<Device>> page(String tenant, int limit, int offset) {
        return find("tenant = ?1 order by id", (Object) tenant).range(offset, offset + limit - 1).list();
    }
}
