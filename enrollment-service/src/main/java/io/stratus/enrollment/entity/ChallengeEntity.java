package io.stratus.enrollment.entity;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time SCEP challenge (only its SHA-256) and the policy the device's CSR must match. */
@Entity
@Table(name = "challenge")
public class ChallengeEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "device_id", nullable = false)
    public String deviceId;

    @Column(name = "assignment_id", nullable = false)
    public String assignmentId;

    @Column(name = "profile_id", nullable = false)
    public String profileId;

    @Column(name = "authority_id", nullable = false)
    public String authorityId;

    @Column(name = "challenge_hash", nullable = false)
    public String challengeHash;

    /** The expected {@code IssuancePolicy} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String policy;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
