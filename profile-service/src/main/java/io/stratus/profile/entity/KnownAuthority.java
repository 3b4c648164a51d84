package io.stratus.profile.entity;

import java.time.Instant;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A CA as announced by ca-service on {@code stratus.authorities.v1}: what SCEP profiles are checked against. */
@Entity
@Table(name = "authority")
@IdClass(DeviceKey.class)
public class KnownAuthority {
    @Id
    public String tenant;
    @Id
    public String id;
    /** ROOT or ISSUING. */
    public String kind;
    /** SIGNING_REQUIRED, ACTIVE, PAUSED or REVOKED. */
    public String status;
    @Column(name = "subject_dn")
    public String subjectDn;
    @Column(name = "not_after")
    public Instant notAfter;
    /** RSA or EC, from the CA certificate. */
    @Column(name = "key_algorithm")
    public String keyAlgorithm;
    /** RSA modulus bits or EC field bits. */
    @Column(name = "key_size")
    public Integer keySize;
    /** EKU OIDs of the CA certificate; empty when it has no EKU extension (no restriction). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> ekus;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
