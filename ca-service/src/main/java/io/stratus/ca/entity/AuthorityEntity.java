package io.stratus.ca.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/** A certification authority of a tenant: its certificate and a reference to its private key. */
@Entity
@Table(name = "authority")
public class AuthorityEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuthorityKind kind;

    @Column(name = "parent_id")
    public String parentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuthorityStatus status;

    @Column(name = "subject_dn", nullable = false)
    public String subjectDn;

    @Column(name = "serial_hex")
    public String serialHex;

    @Column(name = "key_algorithm", nullable = false)
    public String keyAlgorithm;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "not_after")
    public Instant notAfter;

    /** EKU OIDs, comma-separated; empty when the CA is not restricted. */
    @Column(nullable = false)
    public String ekus = "";

    /** Null only while SIGNING_REQUIRED. */
    @Column(name = "certificate_pem")
    public String certificatePem;

    /**
     * Where the private key is, read by the protection named in {@link #keyProtection}: for "software" the key
     * wrapped (AES-256-GCM) under the KEK with this authority's id as AAD, for "pkcs11" the token alias.
     */
    @Column(name = "key_reference", nullable = false)
    public byte[] keyReference;

    /** "software" or "pkcs11" ({@code CaKeyProtection.kind()}). */
    @Column(name = "key_protection", nullable = false)
    public String keyProtection;

    @Column(name = "crl_number", nullable = false)
    public long crlNumber;

    @Column(name = "crl_der")
    public byte[] crlDer;

    @Column(name = "crl_next_update")
    public Instant crlNextUpdate;

    /** Set when a newer CRL must be signed before the stored one is served again (a revocation happened). */
    @Column(name = "crl_stale", nullable = false)
    public boolean crlStale;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** RFC 5280 reason name, e.g. cessationOfOperation. */
    @Column(name = "revocation_reason")
    public String revocationReason;

    /** Soft deletion: the row stays for the parent's CRL, the certificates' foreign keys and the audit trail. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Signed by a root outside Stratus (bring your own CA). */
    @Column(nullable = false)
    public boolean external;

    /** The PKCS#10 request of an external CA, for the external root to sign. */
    @Column(name = "csr_pem")
    public String csrPem;

    /** The issuers of an external CA up to its root, PEM, as uploaded with its certificate. */
    @Column(name = "external_chain_pem")
    public String externalChainPem;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The generation of the current certificate: 1 at creation, +1 per renewal. */
    @Column(nullable = false)
    public int generation = 1;

    /** The generation that introduced the current key; its CRL is the one new leaves point at. */
    @Column(name = "key_generation", nullable = false)
    public int keyGeneration = 1;

    /** All certificate generations, filled by the service for API answers only (never persisted from here). */
    @Transient
    public List<CaCertificateEntity> generations;

    /** An external CA's renewal that waits for its signature, filled for API answers only (null: none). */
    @Transient
    public ExternalRenewalEntity awaitingSignature;

    public List<String> ekuList() {
        return ekus == null || ekus.isBlank() ? List.of() : Arrays.asList(ekus.split(","));
    }

    public void ekuList(List<String> oids) {
        ekus = String.join(",", oids);
    }

    public boolean isIssuing() {
        return kind == AuthorityKind.ISSUING;
    }

    @Override
    public String toString() {
        return "Authority[" + id + ", " + tenant + ", " + kind + ", " + status + "]";
    }
}
