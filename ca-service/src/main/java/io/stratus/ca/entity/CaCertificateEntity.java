package io.stratus.ca.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One certificate generation of a CA (1 = the certificate it was created with, +1 per renewal). The key that the
 * certificate certifies is referenced, never stored in clear: {@link #keyGeneration} names the generation that
 * introduced the key (equal to {@link #generation} for a new key).
 */
@Entity
@Table(name = "ca_certificate")
@IdClass(CaCertificateEntity.Key.class)
public class CaCertificateEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Id
    public int generation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaCertificateState state;

    @Column(name = "serial_hex", nullable = false)
    public String serialHex;

    @Column(name = "certificate_der", nullable = false)
    public byte[] certificateDer;

    @Column(name = "key_generation", nullable = false)
    public int keyGeneration;

    @Column(name = "key_reference", nullable = false)
    public byte[] keyReference;

    @Column(name = "key_protection", nullable = false)
    public String keyProtection;

    /** The parent's key generation that signed this certificate; null for roots and external CAs. */
    @Column(name = "issuer_key_generation")
    public Integer issuerKeyGeneration;

    @Column(name = "new_key", nullable = false)
    public boolean newKey;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** For an external CA: the issuers up to the external root uploaded with this certificate (PEM); else null. */
    @Column(name = "external_chain_pem")
    public String externalChainPem;

    @Override
    public String toString() {
        return "CaCertificate[" + authorityId + "#" + generation + ", " + state + ", key " + keyGeneration + "]";
    }

    /** Composite primary key (authority id, generation). */
    public static class Key implements Serializable {
        public String authorityId;
        public int generation;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && generation == key.generation
                    && Objects.equals(authorityId, key.authorityId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(authorityId, generation);
        }
    }
}
