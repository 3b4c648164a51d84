package io.stratus.enrollment.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A certificate this service handed out, keyed by CA and serial. */
@Entity
@Table(name = "issued_certificate")
@IdClass(IssuedCertificateEntity.Key.class)
public class IssuedCertificateEntity extends PanacheEntityBase {

    /** The composite key (CA, serial). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String authorityId;
        public String serialNumber;

        public Key() {
        }

        public Key(String authorityId, String serialNumber) {
            this.authorityId = authorityId;
            this.serialNumber = serialNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Objects.equals(((Key) o).authorityId, authorityId)
                    && Objects.equals(((Key) o).serialNumber, serialNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(authorityId, serialNumber);
        }
    }

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Id
    @Column(name = "serial_number")
    public String serialNumber;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "device_id", nullable = false)
    public String deviceId;

    @Column(name = "transaction_id", nullable = false)
    public String transactionId;

    @Column(name = "subject_dn", nullable = false)
    public String subjectDn;

    @Column(name = "certificate_der", nullable = false)
    public byte[] certificateDer;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
