package io.stratus.enrollment.repository;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.RaCredentialEntity;
import io.stratus.enrollment.mapping.EntityMapping;
import io.stratus.enrollment.service.RaCredentialStore;
import io.stratus.enrollment.service.StoredRaCredential;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheRaCredentialStore implements RaCredentialStore {

    @Override
    @WithSession
    public Uni<StoredRaCredential> find(String authorityId) {
        return RaCredentialEntity.<RaCredentialEntity>findById(authorityId).map(EntityMapping::toRaCredential);
    }

    @Override
    @WithTransaction
    public Uni<Boolean> claimRelay(String authorityId, String transactionId, Instant requestedBefore, Instant now) {
        return RaCredentialEntity.update("relayedAt = ?1 where authorityId = ?2"
                + " and ((transactionId = ?3 and certificatePem is null) or nextTransactionId = ?3)"
                + " and (relayedAt is null or relayedAt < ?4)", now, authorityId, transactionId, requestedBefore)
                .map(claimed -> claimed > 0);
    }

    @Override
    @WithTransaction
    public Uni<Boolean> createIfAbsent(StoredRaCredential credential) {
        return RaCredentialEntity.<RaCredentialEntity>findById(credential.authorityId()).chain(existing -> existing != null
                ? Uni.createFrom().item(false)
                : EntityMapping.toEntity(credential, Instant.now()).persist().replaceWith(true));
    }

    @Override
    @WithTransaction
    public Uni<Boolean> storeCertificate(String authorityId, String transactionId, String certificatePem) {
        return RaCredentialEntity.<RaCredentialEntity>findById(authorityId).map(existing -> {
            if (existing == null || !existing.transactionId.equals(transactionId)) {
                return false;
            }
            existing.certificatePem = certificatePem;
            existing.issuedAt = Instant.now();
            return true;
        });
    }

    @Override
    @WithTransaction
    public Uni<Boolean> storeNextKey(String authorityId, StoredRaCredential.NextRaKey next) {
        return RaCredentialEntity.<RaCredentialEntity>findById(authorityId).map(existing -> {
            if (existing == null || next.transactionId().equals(existing.transactionId)
                    || next.transactionId().equals(existing.nextTransactionId)) {
                return false;
            }
            existing.nextWrappedKey = next.wrappedKey();
            existing.nextCsrDer = next.csrDer();
            existing.nextTransactionId = next.transactionId();
            existing.relayedAt = Instant.now();
            return true;
        });
    }

    @Override
    @WithTransaction
    public Uni<Boolean> promoteNextKey(String authorityId, String transactionId, String certificatePem) {
        return RaCredentialEntity.<RaCredentialEntity>findById(authorityId).map(existing -> {
            if (existing == null || !transactionId.equals(existing.nextTransactionId)) {
                return false;
            }
            existing.wrappedKey = existing.nextWrappedKey;
            existing.csrDer = existing.nextCsrDer;
            existing.transactionId = existing.nextTransactionId;
            existing.certificatePem = certificatePem;
            existing.issuedAt = Instant.now();
            existing.nextWrappedKey = null;
            existing.nextCsrDer = null;
            existing.nextTransactionId = null;
            return true;
        });
    }
}
