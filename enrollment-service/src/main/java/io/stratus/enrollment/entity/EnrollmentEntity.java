package io.stratus.enrollment.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One SCEP transaction: a PKCSReq accepted and relayed to the CA, and its outcome. */
@Entity
@Table(name = "enrollment")
public class EnrollmentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "transaction_id")
    public String transactionId;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "authority_id", nullable = false)
    public String authorityId;

    @Column(name = "device_id", nullable = false)
    public String deviceId;

    @Column(name = "challenge_id", nullable = false)
    public String challengeId;

    /** PENDING, ISSUED or REJECTED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "certificate_der")
    public byte[] certificateDer;

    @Column(name = "reject_reason")
    public String rejectReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
