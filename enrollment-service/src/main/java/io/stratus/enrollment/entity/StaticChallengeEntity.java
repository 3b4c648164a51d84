package io.stratus.enrollment.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A CA's static challenge: salt and salted SHA-256 only. */
@Entity
@Table(name = "static_challenge")
public class StaticChallengeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public byte[] salt;

    @Column(nullable = false)
    public byte[] hash;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
