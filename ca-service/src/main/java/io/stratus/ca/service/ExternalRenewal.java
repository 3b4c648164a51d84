package io.stratus.ca.service;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.ca.entity.ExternalRenewalEntity;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.repository.ExternalRenewalRepository;
import io.stratus.ca.rest.dto.RenewAuthorityRequest;
import io.stratus.ca.service.ExternalCertificateCheck.Accepted;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renews an external (bring your own) CA in place. {@code renew} prepares the next generation's key (new, or the
 * current one) and PKCS#10 request and publishes nothing; the external root signs the request; the upload is checked
 * like the first one ({@link ExternalCertificateCheck}, plus the CA's subject) and then becomes the NEXT generation,
 * announced or put in use exactly as a Stratus-signed renewal ({@link CaRenewal#announce}). Cancelling before the
 * upload is {@link CaRenewal#cancel}.
 */
@ApplicationScoped
public class ExternalRenewal {

    private final AuthorityRepository authorities;
    private final CaCertificateRepository generations;
    private final ExternalRenewalRepository waiting;
    private final CaRenewal renewal;
    private final CaKeyStore keys;
    private final TokenChains tokenChains;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Vertx vertx;

    public ExternalRenewal(AuthorityRepository authorities, CaCertificateRepository generations,
            ExternalRenewalRepository waiting, CaRenewal renewal, CaKeyStore keys, TokenChains tokenChains,
            OutboxRelay relay, AuditLog audit, Vertx vertx) {
        this.authorities = authorities;
        this.generations = generations;
        this.waiting = waiting;
        this.renewal = renewal;
        this.keys = keys;
        this.tokenChains = tokenChains;
        this.relay = relay;
        this.audit = audit;
        this.vertx = vertx;
    }

    /** Starts a renewal: the next generation waits for its external signature (SIGNING_REQUIRED). */
    public Uni<AuthorityEntity> request(String tenant, String id, RenewAuthorityRequest body, String actor) {
        RenewAuthorityRequest request = body != null ? body : new RenewAuthorityRequest(null, null, null);
        if (request.validityYears() != null) {
            throw ProblemException.badRequest("validityYears does not apply to an external CA: the external root"
                    + " decides the validity of the certificate it signs");
        }
        return Panache.withSession(() -> external(tenant, id).chain(ca -> generations.generationsOf(ca.id)
                .chain(rows -> requireNoneWaiting(ca).map(ignored -> {
                    RenewalRules.checkRenewable(ca, rows);
                    return new Plan(ca, nextGeneration(ca, rows));
                }))))
                // key generation and the CSR signature are CPU (or token) work: off the event loop
                .chain(plan -> vertx.executeBlocking(Uni.createFrom().item(() -> prepare(plan, request)))
                        .chain(prepared -> Panache.withTransaction(() -> store(plan, prepared, actor))
                                .onFailure().invoke(() -> {
                                    if (prepared.newKey) {
                                        keys.discard(id, prepared.keyGeneration, prepared.keyProtection,
                                                prepared.keyReference);
                                    }
                                })))
                .invoke(ca -> Log.infof("external CA %s of tenant %s: generation %d%s waits for its external"
                        + " signature", ca.id, tenant, ca.awaitingSignature.generation,
                        request.wantsNewKey() ? " with a new key" : " with the same key"));
    }

    /** The PKCS#10 request (PEM) of the renewal that waits for its signature; 409 when there is none. */
    public Uni<String> csr(String tenant, String id) {
        return Panache.withSession(() -> external(tenant, id).chain(ca -> waiting.of(ca.id)))
                .map(pending -> {
                    if (pending == null) {
                        throw ProblemException.conflict("CA " + id + " has no renewal waiting for its signature;"
                                + " start one with POST .../renew (external CAs only)");
                    }
                    return pending.csrPem;
                });
    }

    /** Checks and installs the externally signed certificate of the renewal: ANNOUNCED, or ACTIVE when asked. */
    public Uni<AuthorityEntity> upload(String tenant, String id, String certificateText, String chainText,
            String actor) {
        X509Certificate certificate = UploadedCertificates.single(certificateText);
        List<X509Certificate> chain = UploadedCertificates.parse(chainText, "chain");
        return Panache.withTransaction(() -> authorities.lockInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> notFound(tenant, id))
                .chain(ca -> waiting.of(ca.id).chain(pending -> {
                    if (pending == null) {
                        throw ProblemException.conflict("CA " + id + " has no renewal waiting for its signature;"
                                + " start one with POST .../renew first");
                    }
                    return generations.generationsOf(ca.id).chain(rows -> {
                        RenewalRules.checkRenewable(ca, rows);
                        CaCertificateEntity next = signedGeneration(ca, pending, rows, certificate, chain);
                        return waiting.delete(pending).call(() -> Panache.getSession().chain(s -> s.flush()))
                                .chain(() -> renewal.announce(ca, rows, next, pending.activate, actor))
                                .call(renewed -> next.newKey ? tokenChains.store(ca.id, next.keyProtection,
                                        next.keyReference, certificate, Pem.certificates(next.externalChainPem))
                                        : Uni.createFrom().voidItem());
                    });
                })))
                .invoke(ca -> {
                    Log.infof("external CA %s of tenant %s: signed renewal installed (current generation %d)", ca.id,
                            tenant, ca.generation);
                    relay.trigger();
                });
    }

    /** The NEXT row for an uploaded certificate; 400 problems when it does not fit the waiting renewal. */
    private static CaCertificateEntity signedGeneration(AuthorityEntity ca, ExternalRenewalEntity pending,
            List<CaCertificateEntity> rows, X509Certificate certificate, List<X509Certificate> chain) {
        PublicKey key = Csrs.parse(Pem.csr(pending.csrPem)).publicKey();
        Accepted accepted = ExternalCertificateCheck.check(key, ca.ekuList(), certificate, chain);
        X509Certificate current = Pem.certificate(ca.certificatePem);
        if (!current.getSubjectX500Principal().equals(certificate.getSubjectX500Principal())) {
            throw ProblemException.badRequest("the certificate's subject " + certificate.getSubjectX500Principal()
                    .getName() + " is not the CA's subject " + current.getSubjectX500Principal().getName()
                    + "; have the root sign the request from GET .../renewal/csr unchanged");
        }
        CaCertificateEntity next = pending.newKey
                ? CaGenerations.row(ca.id, pending.generation, CaCertificateState.NEXT, certificate,
                        pending.keyGeneration, pending.keyReference, pending.keyProtection, null, true)
                // same key: the CA row's reference (it follows KEK rotations)
                : CaGenerations.row(ca.id, pending.generation, CaCertificateState.NEXT, certificate,
                        ca.keyGeneration, ca.keyReference, ca.keyProtection, null, false);
        if (rows.stream().anyMatch(row -> row.serialHex.equals(next.serialHex))) {
            throw ProblemException.badRequest("the certificate's serial number " + next.serialHex + " was already"
                    + " used by an earlier certificate of this CA; upload a newly signed certificate");
        }
        next.externalChainPem = Pem.encode(accepted.issuers());
        return next;
    }

    private ExternalRenewalEntity prepare(Plan plan, RenewAuthorityRequest request) {
        AuthorityEntity ca = plan.ca();
        ExternalRenewalEntity pending = new ExternalRenewalEntity();
        pending.authorityId = ca.id;
        pending.generation = plan.generation();
        pending.newKey = request.wantsNewKey();
        pending.activate = request.activatesNow();
        pending.createdAt = Instant.now();
        KeyPair keyPair;
        if (pending.newKey) {
            GeneratedCaKey generated = keys.generate(ca.id, plan.generation(), KeyAlgorithm.valueOf(ca.keyAlgorithm));
            keyPair = generated.key().keyPair();
            pending.keyGeneration = plan.generation();
            pending.keyReference = generated.reference();
            pending.keyProtection = keys.kindOfNewKeys();
        } else {
            keyPair = keys.signingKey(ca).keyPair();
            pending.keyGeneration = ca.keyGeneration;
            pending.keyReference = ca.keyReference;
            pending.keyProtection = ca.keyProtection;
        }
        try {
            pending.csrPem = Pem.encodeCsr(Csrs.build(keyPair, ca.subjectDn, List.of(), null));
        } catch (RuntimeException e) {
            if (pending.newKey) {
                keys.discard(ca.id, pending.keyGeneration, pending.keyProtection, pending.keyReference);
            }
            throw e;
        }
        return pending;
    }

    private Uni<AuthorityEntity> store(Plan plan, ExternalRenewalEntity pending, String actor) {
        AuthorityEntity planned = plan.ca();
        return authorities.lockInTenant(planned.tenant, planned.id)
                .onItem().ifNull().failWith(() -> notFound(planned.tenant, planned.id))
                .chain(ca -> generations.generationsOf(ca.id).chain(rows -> requireNoneWaiting(ca).chain(() -> {
                    RenewalRules.checkRenewable(ca, rows);
                    if (ca.keyGeneration != planned.keyGeneration || nextGeneration(ca, rows) != plan.generation()) {
                        throw ProblemException.conflict("CA " + ca.id + " changed while its renewal was being"
                                + " prepared; try again");
                    }
                    return waiting.persist(pending)
                            .chain(() -> audit.append(ca.tenant, actor, "AUTHORITY_RENEWAL_REQUESTED",
                                    "authority:" + ca.id, AuditLog.SUCCESS + " (generation " + pending.generation
                                            + ", " + (pending.newKey ? "new key" : "same key")
                                            + ", waiting for the external signature)"))
                            .map(ignored -> {
                                ca.generations = rows;
                                ca.awaitingSignature = pending;
                                return ca;
                            });
                })));
    }

    private Uni<AuthorityEntity> external(String tenant, String id) {
        return authorities.findInTenant(tenant, id).onItem().ifNull().failWith(() -> notFound(tenant, id))
                .invoke(ca -> {
                    if (!ca.external) {
                        throw ProblemException.conflict("CA " + id + " is signed by Stratus: it has no external"
                                + " renewal (POST .../renew renews it directly)");
                    }
                });
    }

    private Uni<Void> requireNoneWaiting(AuthorityEntity ca) {
        return waiting.of(ca.id).invoke(pending -> {
            if (pending != null) {
                throw ProblemException.conflict("CA " + ca.id + " already has a renewal waiting for its signature"
                        + " (generation " + pending.generation + "); upload it (POST .../renewal/upload) or cancel it"
                        + " (DELETE .../renewal) first");
            }
        }).replaceWithVoid();
    }

    private static int nextGeneration(AuthorityEntity ca, List<CaCertificateEntity> rows) {
        return rows.stream().mapToInt(row -> row.generation).max().orElse(ca.generation) + 1;
    }

    private static ProblemException notFound(String tenant, String id) {
        return ProblemException.notFound("CA " + id + " does not exist in tenant " + tenant);
    }

    private record Plan(AuthorityEntity ca, int generation) {
    }
}
