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

    /** Projection of a member row to its user id. */
    public record UserIdOnly(String userId) {
    }
}
