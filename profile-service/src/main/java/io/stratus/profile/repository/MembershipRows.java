package io.stratus.profile.repository;

import java.util.Collection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Set-based inserts and deletes of group members in the current transaction (one statement per group and
 * change, whatever the number of members). Ids are client ids (no commas), passed as one comma-joined text.
 */
@ApplicationScoped
public class MembershipRows {

    public Uni<Integer> addDevices(String tenant, String groupId, Collection<String> deviceIds) {
        return execute("insert into group_member (group_id, device_id, tenant, added_at)"
                + " select :groupId, id, :tenant, now() from unnest(string_to_array(:ids, ',')) as id"
                + " on conflict do nothing", tenant, groupId, deviceIds);
    }

    public Uni<Integer> removeDevices(String tenant, String groupId, Collection<String> deviceIds) {
        return execute("delete from group_member where group_id = :groupId and tenant = :tenant"
                + " and device_id = any(string_to_array(:ids, ','))", tenant, groupId, deviceIds);
    }

    public Uni<Integer> addUsers(String tenant, String groupId, Collection<String> userIds) {
        return execute("insert into group_user_member (group_id, user_id, tenant, added_at)"
                + " select :groupId, id, :tenant, now() from unnest(string_to_array(:ids, ',')) as id"
                + " on conflict do nothing", tenant, groupId, userIds);
    }

    public Uni<Integer> removeUsers(String tenant, String groupId, Collection<String> userIds) {
        return execute("delete from group_user_member where group_id = :groupId and tenant = :tenant"
                + " and user_id = any(string_to_array(:ids, ','))", tenant, groupId, userIds);
    }

    /** Removes every device and user member of the group (it became dynamic of the other kind). */
    public Uni<Void> clear(String groupId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from group_member where group_id = :groupId")
                .setParameter("groupId", groupId).executeUpdate()
                .chain(() -> session.createNativeQuery("delete from group_user_member where group_id = :groupId")
                        .setParameter("groupId", groupId).executeUpdate()))
                .replaceWithVoid();
    }

    private static Uni<Integer> execute(String sql, String tenant, String groupId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("groupId", groupId)
                .setParameter("tenant", tenant)
                .setParameter("ids", String.join(",", ids))
                .executeUpdate());
    }
}
