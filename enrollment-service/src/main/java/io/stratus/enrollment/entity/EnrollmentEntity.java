package io.stratus.enrollment.entity;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One SCEP transaction: a PKCSReq or RenewalReq accepted and relayed to the CA, and its outcome. */
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

    /** The one-time challenge used (ENROLL only). */
    @Column(name = "challenge_id")
    public String challengeId;

    /** ENROLL, RENEWAL or STATIC. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "assignment_id")
    public String assignmentId;

    @Column(name = "profile_id")
    public String profileId;

    /** The {@code IssuancePolicy} the certificate is issued under, as JSON (null for rows before V2). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String policy;

    /** For a RENEWAL: the serial of the certificate it renews. */
    @Column(name = "renewed_serial")
    public String renewedSerial;

    /** PENDING, ISSUED or REJECTED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "certificate_der")
    public byte[] certificateDer;

    @Column(name = "reject_reason")
    public String rejectReason;

    /** The CSR relayed to the CA (DER), kept to relay it again while PENDING (null for rows before V4). */
    @Column(name = "csr_der")
    public byte[] csrDer;

    /** When CertificateRequested was last published for this transaction (null for rows before V4). */
    @Column(name = "relayed_at")
    public Instant relayedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
