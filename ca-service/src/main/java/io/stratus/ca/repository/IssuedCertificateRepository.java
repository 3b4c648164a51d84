package io.stratus.ca.repository;

import java.time.Instant;
import java.util.List;

import io.quarkus.panache.common.Parameters;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
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

    /**
     * What a CRL lists of the certificates one key of a CA signed: serial, revocation time and reason of those revoked
     * and not expired at {@code at} (an expired certificate leaves the CRL, RFC 5280 3.3). Three columns, not the
     * certificates: a CA's CRL is built while its row is locked, and a CA may have revoked many.
     */
    public Uni<List<RevokedSerial>> revokedSerials(String authorityId, int keyGeneration, Instant at) {
        return find("authorityId = ?1 and keyGeneration = ?2 and status = ?3 and notAfter > ?4 order by revokedAt",
                authorityId, keyGeneration, CertificateStatus.REVOKED, at).project(RevokedSerial.class).list();
    }

    /** What OCSP says of a CA's certificate with this serial: its key generation, status, revocation; null if none. */
    public Uni<SerialStatus> statusOf(String authorityId, String serialHex) {
        return find("authorityId = ?1 and serialHex = ?2", authorityId, serialHex).project(SerialStatus.class)
                .firstResult();
    }

    /** The key that signed a certificate, its status, and when and why it was revoked. */
    public record SerialStatus(int keyGeneration, CertificateStatus status, Instant revokedAt,
            String revocationReason) {
    }

    /** A CRL entry's source: the certificate's serial, when and why it was revoked. */
    public record RevokedSerial(String serialHex, Instant revokedAt, String revocationReason) {
    }

    /**
     * A tenant's certificates that are neither revoked nor expired at {@code now}, of a device, a profile and a CA
     * where those are given (null: any).
     */
    public Uni<List<IssuedCertificateEntity>> liveMatching(String tenant, String deviceId, String profileId,
            String authorityId, Instant now) {
        return matching(tenant, deviceId, profileId, authorityId, now, null).list();
    }

    /** Like {@link #liveMatching}, of the CAs given only, each row locked until the transaction ends. */
    public Uni<List<IssuedCertificateEntity>> liveMatchingLocked(String tenant, String deviceId, String profileId,
            String authorityId, Instant now, List<String> authorityIds) {
        return matching(tenant, deviceId, profileId, authorityId, now, authorityIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    private PanacheQuery<IssuedCertificateEntity> matching(String tenant,
            String deviceId, String profileId, String authorityId, Instant now, List<String> authorityIds) {
        StringBuilder query = new StringBuilder("tenant = :tenant and status = :status and notAfter > :now");
        Parameters parameters = Parameters.with("tenant", tenant).and("status", CertificateStatus.ISSUED)
                .and("now", now);
        if (deviceId != null && !deviceId.isBlank()) {
            query.append(" and deviceId = :device");
            parameters.and("device", deviceId);
        }
        if (profileId != null && !profileId.isBlank()) {
            query.append(" and profileId = :profile");
            parameters.and("profile", profileId);
        }
        if (authorityId != null && !authorityId.isBlank()) {
            query.append(" and authorityId = :authority");
            parameters.and("authority", authorityId);
        }
        if (authorityIds != null) {
            query.append(" and authorityId in :authorities");
            parameters.and("authorities", authorityIds);
        }
        return find(query.append(" order by id").toString(), parameters);
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
