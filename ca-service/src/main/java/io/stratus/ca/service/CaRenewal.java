package io.stratus.ca.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.ca.entity.ExternalRenewalEntity;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.repository.ExternalRenewalRepository;
import io.stratus.ca.rest.dto.RenewAuthorityRequest;
import io.stratus.ca.service.CaCertificateFactory.RenewedCa;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityRenewedEvent;
import io.stratus.events.AuthorityRenewedEvent.RenewalPhase;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.CloudEvent;
import io.stratus.platform.rest.ProblemException;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renews a CA in place (same id and subject, new certificate generation, same or new key). The new certificate is
 * first stored as the NEXT generation and announced (AuthorityRenewed ANNOUNCED); activation makes it CURRENT
 * (AuthorityRenewed ACTIVE): from then on the CA signs with it, while earlier generations stay valid for what they
 * signed. Cancelling withdraws the announcement (AuthorityRenewed CANCELLED). Every step commits with its events
 * (outbox) and audit record; the CA row is locked while it changes.
 */
@ApplicationScoped
public class CaRenewal {

    private final AuthorityRepository authorities;
    private final CaCertificateRepository generations;
    private final AuthorityService authorityService;
    private final CaCertificateFactory factory;
    private final CaKeyStore keys;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Vertx vertx;
    private final ExternalRenewalRepository externalRenewals;

    public CaRenewal(AuthorityRepository authorities, CaCertificateRepository generations,
            AuthorityService authorityService, CaCertificateFactory factory, CaKeyStore keys, EventOutbox outbox,
            OutboxRelay relay, AuditLog audit, Vertx vertx, ExternalRenewalRepository externalRenewals) {
        this.externalRenewals = externalRenewals;
        this.authorities = authorities;
        this.generations = generations;
        this.authorityService = authorityService;
        this.factory = factory;
        this.keys = keys;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.vertx = vertx;
    }

    /** Renews the CA; with {@code activate} (the default) the new certificate is in use when this completes. */
    public Uni<AuthorityEntity> renew(String tenant, String id, RenewAuthorityRequest body, String actor) {
        RenewAuthorityRequest request = body != null ? body : new RenewAuthorityRequest(null, null, null);
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Panache.withSession(() -> plan(tenant, id, request, notBefore))
                .chain(plan -> vertx.executeBlocking(Uni.createFrom().item(() -> factory.renew(plan.ca(),
                        plan.parent(), plan.generation(), request.wantsNewKey(), notBefore, plan.years())))
                        .chain(renewed -> Panache.withTransaction(() -> store(plan, renewed, request, actor))
                                .onFailure().invoke(() -> {
                                    if (renewed.newKey()) {
                                        keys.discard(id, renewed.keyGeneration(), renewed.keyProtection(),
                                                renewed.keyReference());
                                    }
                                })))
                .invoke(ca -> {
                    Log.infof("renewed CA %s of tenant %s: generation %d%s%s", ca.id, tenant, ca.generations.stream()
                            .mapToInt(row -> row.generation).max().orElse(ca.generation),
                            request.wantsNewKey() ? " with a new key" : " with the same key",
                            request.activatesNow() ? ", active" : ", announced");
                    relay.trigger();
                });
    }

    /** Makes the announced (NEXT) certificate current. */
    public Uni<AuthorityEntity> activate(String tenant, String id, String actor) {
        return Panache.withTransaction(() -> lock(tenant, id).chain(ca -> generations.generationsOf(ca.id)
                .chain(rows -> {
                    CaCertificateEntity next = inState(rows, CaCertificateState.NEXT);
                    if (next == null) {
                        throw ProblemException.conflict("CA " + id + " has no announced renewal to activate"
                                + " (a renewal of an external CA is announced once its signed certificate is"
                                + " uploaded: POST .../renewal/upload)");
                    }
                    requireUsable(ca);
                    return activateLocked(ca, next, rows, actor).chain(() -> withGenerations(ca));
                })))
                .invoke(ca -> {
                    Log.infof("activated certificate generation %d of CA %s (tenant %s)", ca.generation, ca.id,
                            tenant);
                    relay.trigger();
                });
    }

    /**
     * Withdraws an announced renewal before use: its certificate is kept as CANCELLED, never used, and AuthorityRenewed
     * CANCELLED (with that generation's certificate) tells SCEP servers to stop offering it on GetNextCACert.
     */
    public Uni<AuthorityEntity> cancel(String tenant, String id, String actor) {
        AtomicReference<ExternalRenewalEntity> unsigned = new AtomicReference<>();
        return Panache.withTransaction(() -> lock(tenant, id).chain(ca -> externalRenewals.of(ca.id).chain(waiting -> {
            if (waiting != null) {
                unsigned.set(waiting);
                return cancelUnsigned(ca, waiting, actor);
            }
            return cancelAnnounced(ca, actor);
        }))).invoke(ca -> {
            ExternalRenewalEntity dropped = unsigned.get();
            if (dropped != null && dropped.newKey) { // after the commit: the key of a renewal that never happened
                keys.discard(ca.id, dropped.keyGeneration, dropped.keyProtection, dropped.keyReference);
            }
            Log.infof("cancelled the renewal of CA %s (tenant %s)", ca.id, tenant);
            relay.trigger();
        });
    }

    /** An external renewal not signed yet: nothing was announced, so nothing is published; a new key is dropped. */
    private Uni<AuthorityEntity> cancelUnsigned(AuthorityEntity ca, ExternalRenewalEntity waiting, String actor) {
        return externalRenewals.delete(waiting)
                .chain(() -> audit.append(ca.tenant, actor, "AUTHORITY_RENEWAL_CANCELLED", "authority:" + ca.id,
                        AuditLog.SUCCESS + " (generation " + waiting.generation + ", before its external signature)"))
                .chain(() -> withGenerations(ca));
    }

    private Uni<AuthorityEntity> cancelAnnounced(AuthorityEntity ca, String actor) {
        String tenant = ca.tenant;
        String id = ca.id;
        return generations.generationsOf(ca.id)
                .chain(rows -> {
                    CaCertificateEntity next = inState(rows, CaCertificateState.NEXT);
                    if (next == null) {
                        throw ProblemException.conflict("CA " + id + " has no announced renewal to cancel");
                    }
                    next.state = CaCertificateState.CANCELLED;
                    return event(ca, next, RenewalPhase.CANCELLED)
                            .chain(() -> audit.append(tenant, actor, "AUTHORITY_RENEWAL_CANCELLED",
                                    "authority:" + ca.id, AuditLog.SUCCESS + " (generation " + next.generation + ")"))
                            .chain(() -> withGenerations(ca));
                });
    }

    private Uni<RenewalPlan> plan(String tenant, String id, RenewAuthorityRequest request, Instant notBefore) {
        return authorities.findInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("CA " + id + " does not exist in tenant "
                        + tenant))
                .chain(ca -> generations.generationsOf(ca.id).chain(rows -> {
                    RenewalRules.checkRenewable(ca, rows);
                    int generation = rows.stream().mapToInt(row -> row.generation).max().orElse(ca.generation) + 1;
                    if (ca.parentId == null) {
                        int years = RenewalRules.validityYears(ca, request.validityYears(), null, notBefore);
                        return Uni.createFrom().item(new RenewalPlan(ca, null, generation, years));
                    }
                    return authorities.findInTenant(tenant, ca.parentId).map(parent -> {
                        RenewalRules.checkParent(ca, parent);
                        int years = RenewalRules.validityYears(ca, request.validityYears(), parent, notBefore);
                        return new RenewalPlan(ca, parent, generation, years);
                    });
                }));
    }

    /** In one transaction: the NEXT row, the ANNOUNCED event, the audit record, and with activate the switch. */
    private Uni<AuthorityEntity> store(RenewalPlan plan, RenewedCa renewed, RenewAuthorityRequest request,
            String actor) {
        return lock(plan.ca().tenant, plan.ca().id).chain(ca -> generations.generationsOf(ca.id).chain(rows -> {
            RenewalRules.checkRenewable(ca, rows);
            if (ca.generation != plan.ca().generation || ca.keyGeneration != plan.ca().keyGeneration) {
                throw ProblemException.conflict("CA " + ca.id + " changed while it was being renewed; try again");
            }
            CaCertificateEntity next = CaGenerations.row(ca.id, plan.generation(), CaCertificateState.NEXT,
                    renewed.certificate(), renewed.keyGeneration(), renewed.keyReference(), renewed.keyProtection(),
                    renewed.issuerKeyGeneration(), renewed.newKey());
            return announce(ca, rows, next, request.activatesNow(), actor);
        }));
    }

    /**
     * With the CA row locked: stores the NEXT row, publishes AuthorityRenewed ANNOUNCED with its audit record, and
     * with {@code activate} puts it in use at once (ACTIVE). Shared by Stratus-signed and external renewals.
     */
    Uni<AuthorityEntity> announce(AuthorityEntity ca, List<CaCertificateEntity> rows, CaCertificateEntity next,
            boolean activate, String actor) {
        String target = "authority:" + ca.id;
        String outcome = AuditLog.SUCCESS + " (generation " + next.generation + ", "
                + (next.newKey ? "new key" : "same key") + ", serial " + next.serialHex + ")";
        Uni<Void> announced = generations.persist(next).call(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> event(ca, next, RenewalPhase.ANNOUNCED))
                .chain(() -> audit.append(ca.tenant, actor, "AUTHORITY_RENEWED", target, outcome));
        if (!activate) {
            return announced.chain(() -> withGenerations(ca));
        }
        return announced.chain(() -> {
            List<CaCertificateEntity> withNext = new ArrayList<>(rows);
            withNext.add(next);
            return activateLocked(ca, next, withNext, actor);
        }).chain(() -> withGenerations(ca));
    }

    /** CURRENT becomes PREVIOUS, NEXT becomes CURRENT, and the CA row takes the new certificate and key. */
    private Uni<Void> activateLocked(AuthorityEntity ca, CaCertificateEntity next, List<CaCertificateEntity> rows,
            String actor) {
        CaCertificateEntity current = inState(rows, CaCertificateState.CURRENT);
        if (current != null) {
            current.state = CaCertificateState.PREVIOUS;
            current.keyReference = ca.keyReference; // the row's copy follows KEK rotations of the CA row
            if (current.externalChainPem == null) {
                current.externalChainPem = ca.externalChainPem; // an external CA's older issuers stay with it
            }
        }
        return Panache.getSession().chain(s -> s.flush()).chain(() -> {
            next.state = CaCertificateState.CURRENT;
            ca.generation = next.generation;
            ca.keyGeneration = next.keyGeneration;
            ca.keyReference = next.keyReference;
            ca.keyProtection = next.keyProtection;
            ca.serialHex = next.serialHex;
            ca.certificatePem = Pem.encode(Pem.certificate(next.certificateDer));
            ca.notBefore = next.notBefore;
            ca.notAfter = next.notAfter;
            if (next.externalChainPem != null) {
                ca.externalChainPem = next.externalChainPem;
            }
            return event(ca, next, RenewalPhase.ACTIVE);
        }).chain(() -> audit.append(ca.tenant, actor, "AUTHORITY_RENEWAL_ACTIVATED", "authority:" + ca.id,
                AuditLog.SUCCESS + " (generation " + next.generation + ")"));
    }

    private Uni<Void> event(AuthorityEntity ca, CaCertificateEntity generation, RenewalPhase phase) {
        return authorityService.chain(ca.tenant, ca.id, generation.generation).chain(chain -> {
            String certificatePem = chain.get(0).certificatePem;
            AuthorityRenewedEvent event = new AuthorityRenewedEvent(ca.tenant, ca.id, generation.generation, phase,
                    generation.newKey, certificatePem, AuthorityService.chainPem(chain), generation.notBefore,
                    generation.notAfter);
            return outbox.append(CloudEvent.of(EventOutbox.SOURCE, event));
        });
    }

    private Uni<AuthorityEntity> lock(String tenant, String id) {
        return authorities.lockInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "CA " + id + " does not exist in tenant " + tenant));
    }

    private Uni<AuthorityEntity> withGenerations(AuthorityEntity ca) {
        return generations.generationsOf(ca.id).chain(rows -> externalRenewals.of(ca.id).map(waiting -> {
            ca.generations = rows;
            ca.awaitingSignature = waiting;
            return ca;
        }));
    }

    private static void requireUsable(AuthorityEntity ca) {
        if (ca.status != AuthorityStatus.ACTIVE
                && ca.status != AuthorityStatus.PAUSED) {
            throw ProblemException.conflict("CA " + ca.id + " is " + ca.status + "; only an ACTIVE or PAUSED CA can"
                    + " activate a renewal");
        }
    }

    private static CaCertificateEntity inState(List<CaCertificateEntity> rows, CaCertificateState state) {
        return rows.stream().filter(row -> row.state == state).findFirst().orElse(null);
    }

    private record RenewalPlan(AuthorityEntity ca, AuthorityEntity parent, int generation, int years) {
    }
}
