package io.stratus.ca.entity;

import java.io.Serializable;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One subject alternative name of an issued certificate, as the inventory searches it ({@code SanSearch}); written
 * with the certificate by {@code SqlIssuanceStore}, read only in searches.
 */
@Entity
@Table(name = "certificate_san")
@IdClass(CertificateSanEntity.Key.class)
public class CertificateSanEntity extends PanacheEntityBase {

    @Id
    @Column(name = "certificate_id")
    public String certificateId;

    @Id
    public String value;

    /** The primary key: the certificate and one of its values. */
    public static class Key implements Serializable {
        public String certificateId;
        public String value;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(certificateId, key.certificateId)
                    && Objects.equals(value, key.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(certificateId, value);
        }
    }
}
