package io.stratus.ca.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of a tenant's audit chain; its row lock serializes appends within the tenant. */
@Entity
@Table(name = "audit_head")
public class AuditHeadEntity extends PanacheEntityBase {

    @Id
    public String tenant;

    @Column(name = "last_sequence", nullable = false)
    public long lastSequence;

    @Column(name = "last_hash", nullable = false)
    public String lastHash;

    /** The seal ({@link io.stratus.ca.service.audit.AuditSeal}); null only before the record was sealed. */
    public String mac;
}
