package io.stratus.ca.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.panache.common.Parameters;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.events.RequestPurpose;
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

    /** What OCSP says of a CA's certificate with this serial: its key generation, status, revocation; null if none. */
    public Uni<SerialStatus> statusOf(String authorityId, String serialHex) {
        return find("authorityId = ?1 and serialHex = ?2", authorityId, serialHex).project(SerialStatus.class)
                .firstResult();
    }

    /** The key that signed a certificate, its status, and when and why it was revoked. */
    public record SerialStatus(int keyGeneration, CertificateStatus status, Instant revokedAt,
            String revocationReason) {
    }

    /**
     * The CAs of a tenant's certificates that are neither revoked nor expired at {@code now}, of a device, a profile
     * and a CA where those are given (null: any); device certificates only, or every purpose (the RA's too).
     */
    public Uni<List<String>> liveAuthorityIds(LiveFilter filter, Instant now) {
        Where where = where(filter, now, null);
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("select distinct authorityId from IssuedCertificateEntity where "
                    + where.clause(), String.class);
            where.parameters().forEach(query::setParameter);
            return query.getResultList();
        });
    }

    /** Like {@link #liveAuthorityIds}: the certificates themselves, of the CAs given only, locked until commit. */
    public Uni<List<IssuedCertificateEntity>> liveMatchingLocked(LiveFilter filter, Instant now,
            List<String> authorityIds) {
        Where where = where(filter, now, authorityIds);
        return find(where.clause() + " order by id", where.parameters()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** Which live certificates: of a device, a profile, a CA (null: any), devices' only or of every purpose. */
    public record LiveFilter(String tenant, String deviceId, String profileId, String authorityId,
            boolean devicesOnly) {
    }

    private record Where(String clause, Map<String, Object> parameters) {
    }

    private static Where where(LiveFilter filter, Instant now, List<String> authorityIds) {
        StringBuilder clause = new StringBuilder("tenant = :tenant and status = :status and notAfter > :now");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tenant", filter.tenant());
        parameters.put("status", CertificateStatus.ISSUED);
        parameters.put("now", now);
        if (filter.devicesOnly()) {
            clause.append(" and purpose = :purpose");
            parameters.put("purpose", RequestPurpose.DEVICE);
        }
        if (filter.deviceId() != null && !filter.deviceId().isBlank()) {
            clause.append(" and deviceId = :device");
            parameters.put("device", filter.deviceId());
        }
        if (filter.profileId() != null && !filter.profileId().isBlank()) {
            clause.append(" and profileId = :profile");
            parameters.put("profile", filter.profileId());
        }
        if (filter.authorityId() != null && !filter.authorityId().isBlank()) {
            clause.append(" and authorityId = :authority");
            parameters.put("authority", filter.authorityId());
        }
        if (authorityIds != null) {
            clause.append(" and authorityId in :authorities");
            parameters.put("authorities", authorityIds);
        }
        return new Where(clause.toString(), parameters);
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
        if (query.profileId() != null) {
            hql.append(" and profileId = :profileId");
            params.and("profileId", query.profileId());
        }
        if (query.serial() != null) {
            hql.append(" and serialHex = :serial");
            params.and("serial", query.serial());
        }
        if (query.subjectPrefix() != null) {
            hql.append(" and subjectDn like :subject escape '!'");
            params.and("subject", query.subjectPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (query.sha1() != null) {
            hql.append(" and sha1 = :sha1");
            params.and("sha1", query.sha1());
        }
        if (query.sha256() != null) {
            hql.append(" and sha256 = :sha256");
            params.and("sha256", query.sha256());
        }
        if (query.san() != null) {
            hql.append(" and id in (select s.certificateId from CertificateSanEntity s where s.value = :san)");
            params.and("san", query.san());
        }
        if (query.expiresAfter() != null) {
            hql.append(" and notAfter >= :expiresAfter");
            params.and("expiresAfter", query.expiresAfter());
        }
        if (query.expiresBefore() != null) {
            hql.append(" and notAfter < :expiresBefore");
            params.and("expiresBefore", query.expiresBefore());
        }
        if (query.issuedAfter() != null) {
            hql.append(" and createdAt >= :issuedAfter");
            params.and("issuedAfter", query.issuedAfter());
        }
        if (query.issuedBefore() != null) {
            hql.append(" and createdAt < :issuedBefore");
            params.and("issuedBefore", query.issuedBefore());
        }
        if (query.afterCreatedAt() != null) {
            hql.append(" and (createdAt > :afterAt or (createdAt = :afterAt and id > :afterId))");
            params.and("afterAt", query.afterCreatedAt()).and("afterId", query.afterId());
        }
        hql.append(" order by createdAt, id");
        return find(hql.toString(), params).range(0, limit - 1).list();
    }

    /**
     * Filters and keyset position of an inventory query; null filters are not applied. {@code subjectPrefix} matches
     * subjects that start with it (as stored, RFC 4514 text); {@code expiresAfter} is inclusive, {@code expiresBefore}
     * exclusive.
     */
    public record CertificateQuery(String tenant, String authorityId, String deviceId, CertificateStatus status,
            String profileId, String serial, String subjectPrefix, String san, byte[] sha1, byte[] sha256, Instant expiresAfter,
            Instant expiresBefore, Instant issuedAfter, Instant issuedBefore, Instant afterCreatedAt, String afterId) {
    }
}
