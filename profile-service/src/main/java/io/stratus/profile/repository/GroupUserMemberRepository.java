package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.GroupUserMember;
import io.stratus.profile.entity.GroupUserMemberKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class GroupUserMemberRepository implements PanacheRepositoryBase<GroupUserMember, GroupUserMemberKey> {

    /** Up to {@code limit} member ids of the group after {@code after} (null: from the first), in id order. */
    public Uni<List<String>> memberIdsAfter(String groupId, String after, int limit) {
        var query = after == null
                ? find("groupId = ?1 order by userId", groupId)
                : find("groupId = ?1 and userId > ?2 order by userId", groupId, after);
        return query.project(UserIdOnly.class).range(0, limit - 1).list()
                .map(rows -> rows.stream().map(UserIdOnly::userId).toList());
    }

    public Uni<Long> countMembers(String groupId) {
        return count("groupId", groupId);
    }

    public Uni<List<String>> memberIds(String groupId) {
        return find("groupId = ?1 order by userId", groupId).project(UserIdOnly.class).list()
                .map(rows -> rows.stream().map(UserIdOnly::userId).toList());
    }

    /** Which of {@code userIds} are members of {@code groupId}. */
    public Uni<List<String>> membersAmong(String groupId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("groupId = ?1 and userId in ?2", groupId, userIds).project(UserIdOnly.class).list()
                .map(rows -> rows.stream().map(UserIdOnly::userId).toList());
    }

    /** The groups the user is a member of. */
    public Uni<List<String>> groupsOf(String tenant, String userId) {
        return find("tenant = ?1 and userId = ?2", tenant, userId).project(GroupIdOnly.class).list()
                .map(rows -> rows.stream().map(GroupIdOnly::groupId).toList());
    }

    /** The (group, user) member rows of the users. */
    public Uni<List<Membership>> membershipsOf(String tenant, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("tenant = ?1 and userId in ?2", tenant, userIds).project(Membership.class).list();
    }

    /** Projection of a member row to its group and user. */
    public record Membership(String groupId, String userId) {
    }

    /** Projection of a member row to its group id. */
    public record GroupIdOnly(String groupId) {
    }

    /** Projection of a member row to its user id. */
    public record UserIdOnly(String userId) {
    }
}
