package io.stratus.ca.repository;

import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Parameters;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Issued certificates. */
@ApplicationScoped
public class IssuedCertificateRepository implements PanacheRepositoryBase<IssuedCertificateEntity, String> {

    public Uni<Long> countByTransactionId(String transactionId) {
        return count("transactionId", transactionId);
    }

    /**
     * The unrevoked device certificates a tenant's CAs issued for a device's assignment that the end at
     * {@code endedAt} concerns: those whose assignment was announced at or before it, or, where the request did not
     * say when its assignment was announced, those requested at or before it (or that do not say either).
     */
    public Uni<List<IssuedCertificateEntity>> unrevokedForAssignment(String tenant, String assignmentId,
            String deviceId, Instant endedAt) {
        return list("tenant = ?1 and assignmentId = ?2 and deviceId = ?3 and status = ?4 and purpose = ?5"
                + " and (assignedAt <= ?6 or (assignedAt is null and (requestedAt is null or requestedAt <= ?6)))"
                + " order by createdAt", tenant, assignmentId, deviceId,
                CertificateStatus.ISSUED, io.stratus.events.RequestPurpose.DEVICE, endedAt);
    }

    /** The revoked certificates of a CA, for its CRL. */
    public Uni<List<IssuedCertificateEntity>> revokedBy(String authorityId) {
        return list("authorityId = ?1 and status = ?2 order by revokedAt", authorityId, CertificateStatus.REVOKED);
    }

    /** Certificates of a CA that are neither revoked nor expired: they block revoking the CA. */
    public Uni<Long> countLiveIssuedBy(String authorityId, Instant now) {
        return count("authorityId = ?1 and status = ?2 and notAfter > ?3", authorityId, CertificateStatus.ISSUED, now);
    }

    /** Certificates of a tenant with this serial, optionally of one CA (serials are unique per CA only). */
    public Uni<List<IssuedCertificateEntity>> findBySerial(String tenant, String serialHex, String authorityId) {
        if (authorityId == null) {
            return list("tenant = ?1 and serialHex = ?2", tenant, serialHex);
        }
        return list("tenant = ?1 and serialHex = ?2 and authorityId = ?3", tenant, serialHex, authorityId);
    }

    /** One page of a tenant's inventory in (createdAt, id) order, starting after the cursor position if given. */
    public Uni<List<IssuedCertificateEntity>> page(CertificateQuery query, int limit) {
        StringBuilder hql = new StringBuilder("tenant = :tenant");
        Parameters params = Parameters.with("tenant", query.tenant());
        if (query.authorityId() != null) {
            hql.append(" and authorityId = :authorityId");
            params.and("authorityId", query.authorityId());
        }
        if (query.deviceId() != null) {
            hql.append(" and deviceId = :deviceId");
            params.and("deviceId", query.deviceId());
        }
        if (query.status() != null) {
            hql.append(" and status = :status");
            params.and("status", query.status());
        }
        if (query.afterCreatedAt() != null) {
            hql.append(" and (createdAt > :afterAt or (createdAt = :afterAt and id > :afterId))");
            params.and("afterAt", query.afterCreatedAt()).and("afterId", query.afterId());
        }
        hql.append(" order by createdAt, id");
        return find(hql.toString(), params).range(0, limit - 1).list();
    }

    /** Filters and keyset position of an inventory query; null filters are not applied. */
    public record CertificateQuery(String tenant, String authorityId, String deviceId, CertificateStatus status,
            Instant afterCreatedAt, String afterId) {
    }
}
