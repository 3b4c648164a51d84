package io.stratus.profile.entity;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link GroupMember}. */
public class GroupMemberKey implements Serializable {
    private static final long serialVersionUID = 1L;

    public String groupId;
    public String deviceId;

    public GroupMemberKey() {
    }

    public GroupMemberKey(String groupId, String deviceId) {
        this.groupId = groupId;
        this.deviceId = deviceId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupMemberKey && Objects.equals(groupId, ((GroupMemberKey) other).groupId)
                && Objects.equals(deviceId, ((GroupMemberKey) other).deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, deviceId);
    }
}
