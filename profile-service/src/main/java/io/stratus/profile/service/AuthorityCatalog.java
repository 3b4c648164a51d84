package io.stratus.profile.service;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.profile.entity.KnownAuthority;
import io.stratus.profile.repository.KnownAuthorityRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps profile-service's copy of the CAs (kind, status, validity, key, EKUs) from ca-service's events. */
@ApplicationScoped
public class AuthorityCatalog {

    private final KnownAuthorityRepository authorities;

    public AuthorityCatalog(KnownAuthorityRepository authorities) {
        this.authorities = authorities;
    }

    /** Stores or refreshes a CA (replaying the event changes nothing). */
    public Uni<Void> created(AuthorityCreatedEvent event, Instant at) {
        KnownAuthority fresh = describe(event, at);
        return Panache.withTransaction(() -> authorities.find(event.tenant(), event.authorityId()).chain(existing -> {
            if (existing == null) {
                return authorities.persist(fresh).replaceWithVoid();
            }
            existing.kind = fresh.kind;
            existing.status = fresh.status;
            existing.subjectDn = fresh.subjectDn;
            existing.notAfter = fresh.notAfter;
            existing.keyAlgorithm = fresh.keyAlgorithm;
            existing.keySize = fresh.keySize;
            existing.ekus = fresh.ekus;
            existing.updatedAt = at;
            return Uni.createFrom().voidItem();
        })).invoke(() -> Log.infof("CA %s of tenant %s known as %s %s", event.authorityId(), event.tenant(),
                event.kind(), event.status()));
    }

    public Uni<Void> statusChanged(AuthorityStatusChangedEvent event, Instant at) {
        return Panache.withTransaction(() -> authorities.find(event.tenant(), event.authorityId()).invoke(ca -> {
            if (ca == null) {
                Log.warnf("status %s of the unknown CA %s of tenant %s ignored", event.status(), event.authorityId(),
                        event.tenant());
                return;
            }
            ca.status = event.status().name();
            ca.updatedAt = at;
        })).replaceWithVoid();
    }

    private static KnownAuthority describe(AuthorityCreatedEvent event, Instant at) {
        KnownAuthority ca = new KnownAuthority();
        ca.id = event.authorityId();
        ca.tenant = event.tenant();
        ca.kind = event.kind().name();
        ca.status = event.status().name();
        ca.subjectDn = event.subjectDn();
        ca.notAfter = event.notAfter();
        ca.ekus = List.of();
        ca.updatedAt = at;
        if (event.certificatePem() != null && !event.certificatePem().isBlank()) {
            X509Certificate certificate = Pem.certificate(event.certificatePem());
            ca.keyAlgorithm = KeyAlgorithm.familyOf(certificate.getPublicKey());
            ca.keySize = KeyAlgorithm.sizeOf(certificate.getPublicKey());
            ca.notAfter = certificate.getNotAfter().toInstant();
            try {
                List<String> ekus = certificate.getExtendedKeyUsage();
                ca.ekus = ekus == null ? List.of() : List.copyOf(ekus);
            } catch (CertificateParsingException e) {
                throw new IllegalArgumentException("the CA certificate's EKU extension cannot be read", e);
            }
        }
        return ca;
    }
}
