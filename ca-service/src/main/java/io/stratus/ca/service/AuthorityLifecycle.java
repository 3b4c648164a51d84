package io.stratus.ca.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityCrlRepository;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.ca.service.ocsp.OcspService;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pause, resume, revoke and delete a CA. Each change locks the CA row, checks {@link LifecycleRules}, and commits
 * the new state with its AuthorityStatusChanged event and audit record. A revoked issuing CA goes onto its root's
 * CRL, which is signed again right after the commit (and marked stale in it, so a crash in between cannot hide it).
 */
@ApplicationScoped
public class AuthorityLifecycle {

    /** Reason of the AuthorityStatusChanged event of a deletion (the status enum has no DELETED). */
    public static final String DELETED = "DELETED";

    private final AuthorityRepository authorities;
    private final LifecycleRules rules;
    private final CrlService crls;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final CaCertificateRepository generations;
    private final AuthorityCrlRepository crlRows;
    private final OcspService ocsp;
    private final BulkRevocation bulk;

    public AuthorityLifecycle(AuthorityRepository authorities, LifecycleRules rules, CrlService crls,
            EventOutbox outbox, OutboxRelay relay, AuditLog audit, CaCertificateRepository generations,
            AuthorityCrlRepository crlRows, OcspService ocsp, BulkRevocation bulk) {
        this.ocsp = ocsp;
        this.bulk = bulk;
        this.generations = generations;
        this.crlRows = crlRows;
        this.authorities = authorities;
        this.rules = rules;
        this.crls = crls;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
    }

    public Uni<AuthorityEntity> pause(String tenant, String id, String actor) {
        return change(tenant, id, actor, "AUTHORITY_PAUSED", rules::canPause,
                ca -> ca.status = AuthorityStatus.PAUSED, "paused");
    }

    public Uni<AuthorityEntity> resume(String tenant, String id, String actor) {
        return change(tenant, id, actor, "AUTHORITY_RESUMED", rules::canResume,
                ca -> ca.status = AuthorityStatus.ACTIVE, "resumed");
    }

    /**
     * {@code reason}: an RFC 5280 reason name, cessationOfOperation when absent. An issuing CA's unexpired
     * certificates are revoked with it, in the same transaction, with its reason (a CA's keyCompromise is cACompromise
     * to them), audited once with their count; then its CRLs and its parent's are signed again.
     */
    public Uni<AuthorityEntity> revoke(String tenant, String id, String reason, String actor) {
        String checkedReason = reason(reason);
        Instant now = Instant.now();
        List<IssuedCertificateEntity> leaves = new ArrayList<>();
        return change(tenant, id, actor, "AUTHORITY_REVOKED", ca -> rules.canRevoke(ca).call(() -> markParentCrl(ca))
                .call(() -> revokeLeaves(ca, checkedReason, actor).invoke(leaves::addAll)),
                ca -> {
                    ca.status = AuthorityStatus.REVOKED;
                    ca.revokedAt = now;
                    ca.revocationReason = checkedReason;
                }, checkedReason)
                .call(ca -> leaves.isEmpty() ? Uni.createFrom().voidItem() : bulk.afterCommit(tenant, leaves))
                .call(ca -> ca.parentId == null ? Uni.createFrom().voidItem()
                        : Panache.withSession(() -> generations.issuerKeyGenerationsOf(ca.id))
                                .chain(keyGenerations -> crls.reissueAll(tenant, ca.parentId,
                                        keyGenerations.isEmpty() ? List.of(1) : keyGenerations))
                                .invoke(() -> ocsp.forget(ca.parentId)));
    }

    public Uni<AuthorityEntity> delete(String tenant, String id, String actor) {
        return change(tenant, id, actor, "AUTHORITY_DELETED", rules::canDelete, ca -> ca.deletedAt = Instant.now(),
                DELETED);
    }

    private Uni<AuthorityEntity> change(String tenant, String id, String actor, String action,
            Function<AuthorityEntity, Uni<Void>> check, Consumer<AuthorityEntity> apply, String eventReason) {
        return Panache.withTransaction(() -> authorities.lockInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "CA " + id + " does not exist in tenant " + tenant))
                .call(ca -> check.apply(ca))
                .invoke(apply)
                .call(ca -> outbox.append(CloudEvent.of(EventOutbox.SOURCE,
                        new AuthorityStatusChangedEvent(ca.tenant, ca.id, ca.status, eventReason))))
                .call(ca -> audit.append(tenant, actor, action, "authority:" + ca.id, AuditLog.SUCCESS)))
                .invoke(ca -> {
                    Log.infof("%s: CA %s of tenant %s is now %s", action, ca.id, tenant,
                            ca.deletedAt != null ? DELETED : ca.status);
                    relay.trigger();
                });
    }

    private Uni<List<IssuedCertificateEntity>> revokeLeaves(AuthorityEntity ca, String caReason, String actor) {
        if (!ca.isIssuing()) {
            return Uni.createFrom().item(List.of());
        }
        String leafReason = BulkRevocation.leafReasonForRevokedCa(caReason);
        return bulk.revokeLiveLeavesOf(ca, leafReason).call(revoked -> revoked.isEmpty() ? Uni.createFrom().voidItem()
                : audit.append(ca.tenant, actor, "CERTIFICATES_REVOKED", "certificates:ca=" + ca.id,
                        AuditLog.SUCCESS + " (" + revoked.size() + " revoked with their CA, " + leafReason + ")"));
    }

    private Uni<Void> markParentCrl(AuthorityEntity ca) {
        if (ca.parentId == null) {
            return Uni.createFrom().voidItem();
        }
        // every CRL of the parent that lists a certificate of this CA (one per parent key that signed one)
        return generations.issuerKeyGenerationsOf(ca.id).chain(keyGenerations -> {
            Uni<Void> marks = authorities.update("crlStale = true where id = ?1", ca.parentId).replaceWithVoid();
            for (Integer keyGeneration : keyGenerations) {
                if (keyGeneration > 1) {
                    marks = marks.chain(() -> crlRows.markStale(ca.parentId, keyGeneration));
                }
            }
            return marks;
        });
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return RevocationReasons.CESSATION_OF_OPERATION;
        }
        try {
            return RevocationReasons.forRevocation(reason);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("reason: " + e.getMessage());
        }
    }
}
