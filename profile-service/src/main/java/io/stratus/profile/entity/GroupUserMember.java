package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user's membership in a group: it brings in the devices whose primary user it is. */
@Entity
@Table(name = "group_user_member")
@IdClass(GroupUserMemberKey.class)
public class GroupUserMember {
    @Id
    @Column(name = "group_id")
    public String groupId;
    @Id
    @Column(name = "user_id")
    public String userId;
    public String tenant;
    @Column(name = "added_at")
    public Instant addedAt;
}
