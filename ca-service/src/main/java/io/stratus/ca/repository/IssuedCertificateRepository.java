package io.stratus.ca.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** Issued certificates. */
@ApplicationScoped
public class IssuedCertificateRepository implements PanacheRepositoryBase<IssuedCertificateEntity, String> {

    /** The certificate issued for a transaction id, or null. */
    public Uni<IssuedCertificateEntity> findByTransactionId(String transactionId) {
        return find("transactionId", transactionId).firstResult();
    }

    public Uni<Long> countByTransactionId(String transactionId) {
        return count("transactionId", transactionId);
    }

    /** The revoked certificates of a CA, for its CRL. */
    public Uni<List<IssuedCertificateEntity>> revokedBy(String authorityId) {
        return list("authorityId = ?1 and status = ?2 order by revokedAt", authorityId, CertificateStatus.REVOKED);
    }
}
