package io.stratus.ca.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One entry of a tenant's hash-chained audit log; never updated or deleted (a trigger refuses both). */
@Entity
@Table(name = "audit_record")
@IdClass(AuditRecordEntity.Key.class)
public class AuditRecordEntity extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    public long sequence;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "previous_hash", nullable = false)
    public String previousHash;

    @Column(nullable = false)
    public String hash;

    /** The seal ({@link io.stratus.ca.service.audit.AuditSeal}); null only before the record was sealed. */
    public String mac;

    /** Primary key: (tenant, sequence). */
    public static class Key implements Serializable {
        public String tenant;
        public long sequence;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && Objects.equals(tenant, ((Key) other).tenant)
                    && sequence == ((Key) other).sequence;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, sequence);
        }
    }
}
