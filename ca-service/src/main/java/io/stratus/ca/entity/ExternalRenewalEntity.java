package io.stratus.ca.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The next certificate generation of an external CA while it waits for the external root's signature: the key it
 * will carry (by reference, never in clear) and the PKCS#10 request to sign. At most one per CA.
 */
@Entity
@Table(name = "external_renewal")
public class ExternalRenewalEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    /** The certificate generation the signed certificate will become. */
    @Column(nullable = false)
    public int generation;

    /** The generation that introduced the key: {@link #generation} for a new key, the current one otherwise. */
    @Column(name = "key_generation", nullable = false)
    public int keyGeneration;

    @Column(name = "key_reference", nullable = false)
    public byte[] keyReference;

    @Column(name = "key_protection", nullable = false)
    public String keyProtection;

    @Column(name = "new_key", nullable = false)
    public boolean newKey;

    /** Whether the uploaded certificate goes in use at once (true) or is only announced. */
    @Column(nullable = false)
    public boolean activate;

    @Column(name = "csr_pem", nullable = false)
    public String csrPem;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "ExternalRenewal[" + authorityId + "#" + generation + ", key " + keyGeneration + "]";
    }
}
