package io.stratus.enrollment.mapping;

import java.time.Instant;

import io.stratus.enrollment.entity.AuthorityEntity;
import io.stratus.enrollment.entity.RaCredentialEntity;
import io.stratus.enrollment.service.Authority;
import io.stratus.enrollment.service.NextCaCertificate;
import io.stratus.enrollment.service.StoredRaCredential;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;

/** Entities to the service's records and back. */
public final class EntityMapping {

    private EntityMapping() {
    }

    public static Authority toAuthority(AuthorityEntity e) {
        return e == null ? null
                : new Authority(e.id, e.tenant, AuthorityKind.valueOf(e.kind), AuthorityStatus.valueOf(e.status),
                        e.certificatePem, e.chainPem, e.generation, nextOf(e), e.previousCertificatesPem);
    }

    private static NextCaCertificate nextOf(AuthorityEntity e) {
        return e.nextGeneration == null || e.nextCertificatePem == null ? null
                : new NextCaCertificate(e.nextGeneration, e.nextCertificatePem, e.nextChainPem);
    }

    public static void copy(Authority a, AuthorityEntity e, Instant now) {
        e.id = a.id();
        e.tenant = a.tenant();
        e.kind = a.kind().name();
        e.status = a.status().name();
        e.certificatePem = a.certificatePem();
        e.chainPem = a.chainPem();
        e.generation = a.generation();
        e.nextGeneration = a.next() == null ? null : a.next().generation();
        e.nextCertificatePem = a.next() == null ? null : a.next().certificatePem();
        e.nextChainPem = a.next() == null ? null : a.next().chainPem();
        e.previousCertificatesPem = a.previousCertificatesPem();
        e.updatedAt = now;
    }

    public static StoredRaCredential toRaCredential(RaCredentialEntity e) {
        return e == null ? null
                : new StoredRaCredential(e.authorityId, e.wrappedKey, e.csrDer, e.certificatePem, e.transactionId,
                        e.nextTransactionId == null ? null
                                : new StoredRaCredential.NextRaKey(e.nextWrappedKey, e.nextCsrDer, e.nextTransactionId));
    }

    public static RaCredentialEntity toEntity(StoredRaCredential c, Instant now) {
        RaCredentialEntity e = new RaCredentialEntity();
        e.authorityId = c.authorityId();
        e.wrappedKey = c.wrappedKey();
        e.csrDer = c.csrDer();
        e.certificatePem = c.certificatePem();
        e.transactionId = c.transactionId();
        e.createdAt = now;
        e.relayedAt = now;
        return e;
    }
}
