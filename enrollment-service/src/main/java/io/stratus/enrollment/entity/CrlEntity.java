package io.stratus.enrollment.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The current CRL of a CA, as fetched. */
@Entity
@Table(name = "crl")
public class CrlEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Column(name = "crl_number", nullable = false)
    public long crlNumber;

    @Column(name = "crl_url", nullable = false)
    public String crlUrl;

    @Column(name = "crl_der", nullable = false)
    public byte[] crlDer;

    @Column(name = "this_update", nullable = false)
    public Instant thisUpdate;

    @Column(name = "next_update")
    public Instant nextUpdate;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;
}
