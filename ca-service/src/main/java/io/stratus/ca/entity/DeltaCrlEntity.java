package io.stratus.ca.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The delta CRL of a CA key generation and the complete CRL it updates (V20); keyed like {@link AuthorityCrlEntity}. */
@Entity
@Table(name = "authority_delta_crl")
@IdClass(AuthorityCrlEntity.Key.class)
public class DeltaCrlEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Id
    @Column(name = "key_generation")
    public int keyGeneration;

    @Column(name = "base_crl_number", nullable = false)
    public long baseCrlNumber;

    @Column(name = "base_this_update", nullable = false)
    public Instant baseThisUpdate;

    @Column(name = "crl_der")
    public byte[] crlDer;

    @Column(name = "crl_next_update")
    public Instant crlNextUpdate;

    @Column(name = "crl_stale", nullable = false)
    public boolean crlStale;
}
