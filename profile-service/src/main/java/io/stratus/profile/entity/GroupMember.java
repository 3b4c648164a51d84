package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A device's membership in a group. */
@Entity
@Table(name = "group_member")
@IdClass(GroupMemberKey.class)
public class GroupMember {
    @Id
    @Column(name = "group_id")
    public String groupId;
    @Id
    @Column(name = "device_id")
    public String deviceId;
    public String tenant;
    @Column(name = "added_at")
    public Instant addedAt;
}
