package io.stratus.ca.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.stratus.events.RequestPurpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A certificate a CA signed; unique per transaction id and per (authority, serial). */
@Entity
@Table(name = "issued_certificate")
public class IssuedCertificateEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "authority_id", nullable = false)
    public String authorityId;

    @Column(name = "serial_hex", nullable = false)
    public String serialHex;

    /** The key generation of the CA that signed it: its CRL is that key's CRL. */
    @Column(name = "key_generation", nullable = false)
    public int keyGeneration = 1;

    @Column(name = "transaction_id", nullable = false)
    public String transactionId;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "assignment_id")
    public String assignmentId;

    @Column(name = "profile_id")
    public String profileId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestPurpose purpose;

    @Column(name = "subject_dn", nullable = false)
    public String subjectDn;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "certificate_der", nullable = false)
    public byte[] certificateDer;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CertificateStatus status;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When enrollment-service accepted the request (null if it did not say, or before V15). */
    @Column(name = "requested_at")
    public Instant requestedAt;

    /** When profile-service announced the assignment the request relied on (null if it did not say, or before V16). */
    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** The serial of the renewal that replaced this certificate, or null. */
    @Column(name = "superseded_by")
    public String supersededBy;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    /** SHA-1 of the DER (the thumbprint Windows shows); null until SearchColumnsBackfill fills an older row. */
    public byte[] sha1;

    /** SHA-256 of the DER. */
    public byte[] sha256;

    /** When the device certificate's renewal window opens (its profile's threshold), or null: nothing to announce. */
    @Column(name = "renewal_due_at")
    public Instant renewalDueAt;

    /** When CertificateRenewalDue went out; written by {@code CertificateDeadlines} only. */
    @Column(name = "renewal_announced_at", insertable = false, updatable = false)
    public Instant renewalAnnouncedAt;

    /** When CertificateExpired went out; written by {@code CertificateDeadlines} only. */
    @Column(name = "expiry_announced_at", insertable = false, updatable = false)
    public Instant expiryAnnouncedAt;

    @Override
    public String toString() {
        return "IssuedCertificate[" + authorityId + "/" + serialHex + ", tx " + transactionId + "]";
    }
}
