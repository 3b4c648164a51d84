package io.stratus.ca.service;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.service.ExternalCertificateCheck.Accepted;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.platform.rest.ProblemException;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bring your own CA: an issuing CA whose key stays here and whose certificate an external root signs. It waits in
 * SIGNING_REQUIRED with a PKCS#10 request; the uploaded certificate and chain are checked by
 * {@link ExternalCertificateCheck}, then the CA becomes ACTIVE and AuthorityCreated and AuthorityStatusChanged
 * are published (enrollment-service learns it only then, with its certificate and chain).
 */
@ApplicationScoped
public class ExternalAuthorities {

    private final AuthorityRepository authorities;
    private final TenantLimit limit;
    private final CaKeyStore keys;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Vertx vertx;

    private final CaCertificateRepository generations;
    private final TokenChains tokenChains;

    public ExternalAuthorities(AuthorityRepository authorities, TenantLimit limit, CaKeyStore keys,
            EventOutbox outbox, OutboxRelay relay, AuditLog audit, Vertx vertx, CaCertificateRepository generations,
            TokenChains tokenChains) {
        this.generations = generations;
        this.tokenChains = tokenChains;
        this.authorities = authorities;
        this.limit = limit;
        this.keys = keys;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.vertx = vertx;
    }

    /** A new external issuing CA in SIGNING_REQUIRED with its key and CSR. */
    public Uni<AuthorityEntity> create(NewAuthority request, String actor) {
        String tenant = request.tenant();
        String id = UUID.randomUUID().toString();
        return Panache.withSession(() -> limit.check(tenant))
                // key generation and the CSR signature are CPU (or token) work: off the event loop
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> pending(id, request))))
                .chain(pending -> Panache.withTransaction(() -> authorities.lockTenant(tenant)
                        .chain(() -> limit.check(tenant))
                        .chain(() -> authorities.persist(pending))
                        .call(created -> audit.append(tenant, actor, "AUTHORITY_CREATED", "authority:" + created.id,
                                AuditLog.SUCCESS + " (" + AuthorityStatus.SIGNING_REQUIRED + ")"))))
                .onFailure().invoke(() -> keys.discard(id))
                .invoke(created -> Log.infof("created external ISSUING CA %s in tenant %s; it waits for its"
                        + " signed certificate", created.id, tenant));
    }

    private AuthorityEntity pending(String id, NewAuthority request) {
        GeneratedCaKey key = keys.generate(id, request.keyAlgorithm());
        AuthorityEntity entity = new AuthorityEntity();
        entity.id = id;
        entity.tenant = request.tenant();
        entity.displayName = request.displayName();
        entity.kind = request.kind();
        entity.status = AuthorityStatus.SIGNING_REQUIRED;
        entity.external = true;
        entity.subjectDn = request.subjectDn();
        entity.keyAlgorithm = request.keyAlgorithm().name();
        entity.ekuList(request.extendedKeyUsageOids());
        entity.csrPem = Pem.encodeCsr(Csrs.build(key.key().keyPair(), request.subjectDn(), List.of(), null));
        entity.keyReference = key.reference();
        entity.keyProtection = keys.kindOfNewKeys();
        entity.createdAt = Instant.now();
        return entity;
    }

    /** Checks and installs the externally signed certificate; the CA becomes ACTIVE. */
    public Uni<AuthorityEntity> activate(String tenant, String id, String certificateText, String chainText,
            String actor) {
        X509Certificate certificate = UploadedCertificates.single(certificateText);
        List<X509Certificate> chain = UploadedCertificates.parse(chainText, "chain");
        return Panache.withTransaction(() -> authorities.lockInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "CA " + id + " does not exist in tenant " + tenant))
                .invoke(ca -> install(ca, certificate, chain))
                .call(ca -> generations.persist(CaGenerations.first(ca, null)))
                .call(ca -> outbox.append(CloudEvent.of(EventOutbox.SOURCE, created(ca))))
                .call(ca -> outbox.append(CloudEvent.of(EventOutbox.SOURCE,
                        new AuthorityStatusChangedEvent(ca.tenant, ca.id, ca.status, "signed externally"))))
                .call(ca -> audit.append(tenant, actor, "AUTHORITY_ACTIVATED", "authority:" + ca.id,
                        AuditLog.SUCCESS)))
                .invoke(ca -> {
                    Log.infof("external CA %s of tenant %s is ACTIVE (serial %s)", ca.id, tenant, ca.serialHex);
                    relay.trigger();
                })
                .call(ca -> tokenChains.store(ca.id, ca.keyProtection, ca.keyReference, certificate,
                        Pem.certificates(ca.externalChainPem)));
    }

    private static void install(AuthorityEntity ca, X509Certificate certificate, List<X509Certificate> chain) {
        if (!ca.external || ca.status != AuthorityStatus.SIGNING_REQUIRED) {
            throw ProblemException.conflict("CA " + ca.id + " is " + ca.status + (ca.external ? "" : " and not external")
                    + "; only an external CA in SIGNING_REQUIRED takes an uploaded certificate");
        }
        PublicKey key = Csrs.parse(Pem.csr(ca.csrPem)).publicKey();
        Accepted accepted = ExternalCertificateCheck.check(key, ca.ekuList(), certificate, chain);
        ca.status = AuthorityStatus.ACTIVE;
        ca.certificatePem = Pem.encode(certificate);
        ca.externalChainPem = Pem.encode(accepted.issuers());
        ca.subjectDn = SubjectNames.toString(certificate.getSubjectX500Principal());
        ca.serialHex = Serials.hex(certificate.getSerialNumber());
        ca.notBefore = certificate.getNotBefore().toInstant();
        ca.notAfter = certificate.getNotAfter().toInstant();
        ca.ekuList(accepted.extendedKeyUsages());
    }

    private static AuthorityCreatedEvent created(AuthorityEntity ca) {
        List<AuthorityEntity> chain = new ArrayList<>(List.of(ca));
        chain.addAll(issuersOf(ca));
        return new AuthorityCreatedEvent(ca.tenant, ca.id, ca.kind, null, ca.displayName, ca.subjectDn, ca.status,
                ca.certificatePem, AuthorityService.chainPem(chain), ca.notAfter);
    }

    /** The uploaded issuers of an external CA as unsaved entities that carry only their certificate and name. */
    static List<AuthorityEntity> issuersOf(AuthorityEntity ca) {
        if (ca.externalChainPem == null) {
            return List.of();
        }
        List<AuthorityEntity> issuers = new ArrayList<>();
        for (X509Certificate certificate : Pem.certificates(ca.externalChainPem)) {
            AuthorityEntity issuer = new AuthorityEntity();
            issuer.id = "external";
            issuer.tenant = ca.tenant;
            issuer.subjectDn = SubjectNames.toString(certificate.getSubjectX500Principal());
            issuer.displayName = issuer.subjectDn;
            issuer.certificatePem = Pem.encode(certificate);
            issuers.add(issuer);
        }
        return issuers;
    }
}
