package io.stratus.profile.entity;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link GroupUserMember}. */
public class GroupUserMemberKey implements Serializable {
    private static final long serialVersionUID = 1L;

    public String groupId;
    public String userId;

    public GroupUserMemberKey() {
    }

    public GroupUserMemberKey(String groupId, String userId) {
        this.groupId = groupId;
        this.userId = userId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupUserMemberKey && Objects.equals(groupId, ((GroupUserMemberKey) other).groupId)
                && Objects.equals(userId, ((GroupUserMemberKey) other).userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, userId);
    }
}
