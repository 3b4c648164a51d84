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

/** The CRL of a CA key generation after the first (the first keeps its CRL on the authority row). */
@Entity
@Table(name = "authority_crl")
@IdClass(AuthorityCrlEntity.Key.class)
public class AuthorityCrlEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Id
    @Column(name = "key_generation")
    public int keyGeneration;

    @Column(name = "crl_number", nullable = false)
    public long crlNumber;

    @Column(name = "crl_der")
    public byte[] crlDer;

    @Column(name = "crl_next_update")
    public Instant crlNextUpdate;

    @Column(name = "crl_stale", nullable = false)
    public boolean crlStale;

    /** Composite primary key (authority id, key generation). */
    public static class Key implements Serializable {
        public String authorityId;
        public int keyGeneration;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && keyGeneration == key.keyGeneration
                    && Objects.equals(authorityId, key.authorityId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(authorityId, keyGeneration);
        }
    }
}
