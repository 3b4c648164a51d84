package io.stratus.profile.entity;

import java.time.Instant;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A SCEP profile assigned to the devices of some groups, minus those of others. */
@Entity
@Table(name = "assignment")
public class Assignment {
    @Id
    public String id;
    public String tenant;
    @Column(name = "profile_id")
    public String profileId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "include_group_ids")
    public List<String> includeGroupIds;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "exclude_group_ids")
    public List<String> excludeGroupIds;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The last device (in id order) the rollout has reached; null once it reached every device in scope. */
    @Column(name = "rollout_after")
    public String rolloutAfter;

    public boolean rolledOut() {
        return rolloutAfter == null;
    }
}
