package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.GroupMember;
import io.stratus.profile.entity.GroupMemberKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class GroupMemberRepository implements PanacheRepositoryBase<GroupMember, GroupMemberKey> {

    /** Up to {@code limit} member ids of the group after {@code after} (null: from the first), in id order. */
    public Uni<List<String>> memberIdsAfter(String groupId, String after, int limit) {
        var query = after == null
                ? find("groupId = ?1 order by deviceId", groupId)
                : find("groupId = ?1 and deviceId > ?2 order by deviceId", groupId, after);
        return query.project(DeviceIdOnly.class).range(0, limit - 1).list()
                .map(rows -> rows.stream().map(DeviceIdOnly::deviceId).toList());
    }

    public Uni<Long> countMembers(String groupId) {
        return count("groupId", groupId);
    }

    public Uni<List<String>> memberIds(String groupId) {
        return find("groupId = ?1 order by deviceId", groupId).project(DeviceIdOnly.class).list()
                .map(rows -> rows.stream().map(DeviceIdOnly::deviceId).toList());
    }

    /** Which of {@code deviceIds} are members of any of {@code groupIds}. */
    public Uni<List<String>> membersAmong(String tenant, Collection<String> groupIds, Collection<String> deviceIds) {
        if (groupIds.isEmpty() || deviceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("tenant = ?1 and groupId in ?2 and deviceId in ?3", tenant, groupIds, deviceIds)
                .project(DeviceIdOnly.class).list()
                .map(rows -> rows.stream().map(DeviceIdOnly::deviceId).distinct().toList());
    }

    /** Projection of a member row to its device id. */
    public record DeviceIdOnly(String deviceId) {
    }
}
