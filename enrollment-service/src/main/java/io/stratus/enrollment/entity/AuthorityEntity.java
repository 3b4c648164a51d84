package io.stratus.enrollment.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** enrollment-service's copy of a CA, learned from {@code stratus.authorities.v1}. */
@Entity
@Table(name = "authority")
public class AuthorityEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    @Column(name = "certificate_pem", nullable = false)
    public String certificatePem;

    @Column(name = "chain_pem")
    public String chainPem;

    @Column(nullable = false)
    public int generation;

    @Column(name = "next_generation")
    public Integer nextGeneration;

    @Column(name = "next_certificate_pem")
    public String nextCertificatePem;

    @Column(name = "next_chain_pem")
    public String nextChainPem;

    @Column(name = "previous_certificates_pem")
    public String previousCertificatesPem;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
