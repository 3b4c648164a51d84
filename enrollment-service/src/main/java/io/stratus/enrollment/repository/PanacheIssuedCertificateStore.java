package io.stratus.enrollment.repository;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.IssuedCertificateEntity;
import io.stratus.enrollment.service.IssuedCertificate;
import io.stratus.enrollment.service.IssuedCertificateStore;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheIssuedCertificateStore implements IssuedCertificateStore {

    @Override
    @WithTransaction
    public Uni<Void> recordIfAbsent(IssuedCertificate c) {
        return IssuedCertificateEntity.<IssuedCertificateEntity>findById(
                new IssuedCertificateEntity.Key(c.authorityId(), c.serialNumber())).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    IssuedCertificateEntity e = new IssuedCertificateEntity();
                    e.authorityId = c.authorityId();
                    e.serialNumber = c.serialNumber();
                    e.tenant = c.tenant();
                    e.deviceId = c.deviceId();
                    e.transactionId = c.transactionId();
                    e.subjectDn = c.subjectDn();
                    e.certificateDer = c.certificateDer();
                    e.notAfter = c.notAfter();
                    e.revokedAt = c.revokedAt();
                    e.createdAt = Instant.now();
                    return e.persist().replaceWithVoid();
                });
    }

    @Override
    @WithSession
    public Uni<IssuedCertificate> find(String authorityId, String serialNumber) {
        return IssuedCertificateEntity.<IssuedCertificateEntity>findById(
                new IssuedCertificateEntity.Key(authorityId, serialNumber))
                .map(e -> e == null ? null
                        : new IssuedCertificate(e.authorityId, e.serialNumber, e.tenant, e.deviceId, e.transactionId,
                                e.subjectDn, e.certificateDer, e.notAfter, e.revokedAt));
    }

    @Override
    @WithTransaction
    public Uni<Integer> revoke(String authorityId, String serialNumber, Instant revokedAt, String reason) {
        return IssuedCertificateEntity.update("revokedAt = ?1, revocationReason = ?2 where authorityId = ?3"
                + " and serialNumber = ?4 and revokedAt is null", revokedAt, reason, authorityId, serialNumber);
    }
}
