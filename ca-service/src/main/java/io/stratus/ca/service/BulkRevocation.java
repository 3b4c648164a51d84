package io.stratus.ca.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.ca.repository.IssuedCertificateRepository.LiveFilter;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.ca.service.ocsp.OcspService;
import io.stratus.events.CloudEvent;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Revokes, in one request, every device certificate of a tenant that a filter names (a device, a profile, a CA;
 * several filters narrow each other) and that is neither revoked nor expired (an RA's certificate is left alone: it
 * goes with its CA). One transaction locks the CAs concerned (in id
 * order, as a single revocation locks its CA, so issuance and revocations wait rather than interleave), revokes the
 * certificates with one reason and one time, sends each one's CertificateRevoked, marks the CRLs stale, and writes one
 * audit record with the filter and the count. Then the CRLs are signed again and the OCSP answers kept for those CAs
 * are dropped.
 */
@ApplicationScoped
public class BulkRevocation {

    /** What to revoke; null fields do not filter, and at least one must be set. */
    public record Filter(String deviceId, String profileId, String authorityId) {

        boolean empty() {
            return blank(deviceId) && blank(profileId) && blank(authorityId);
        }

        /** As the audit record names it: {@code device=d1 profile=p1}. */
        String describe() {
            List<String> parts = new ArrayList<>();
            if (!blank(deviceId)) {
                parts.add("device=" + deviceId);
            }
            if (!blank(profileId)) {
                parts.add("profile=" + profileId);
            }
            if (!blank(authorityId)) {
                parts.add("ca=" + authorityId);
            }
            return String.join(" ", parts);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** How many certificates were revoked, with which reason, and of which CAs. */
    public record Outcome(int revoked, String reason, Set<String> authorityIds) {
    }

    private final AuthorityRepository authorities;
    private final IssuedCertificateRepository certificates;
    private final CertificateRevocation revocation;
    private final CrlPublisher crls;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final OcspService ocsp;

    public BulkRevocation(AuthorityRepository authorities, IssuedCertificateRepository certificates,
            CertificateRevocation revocation, CrlPublisher crls, EventOutbox outbox, OutboxRelay relay, AuditLog audit,
            OcspService ocsp) {
        this.authorities = authorities;
        this.certificates = certificates;
        this.revocation = revocation;
        this.crls = crls;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.ocsp = ocsp;
    }

    /** Revokes what the filter names; 400 for no filter or a bad reason; a count of 0 when nothing matches. */
    public Uni<Outcome> revoke(String tenant, Filter filter, String reason, String actor) {
        if (filter == null || filter.empty()) {
            throw ProblemException.badRequest("name what to revoke: deviceId, profileId or authorityId (or several)");
        }
        String checkedReason = CertificateRevocation.reason(reason);
        LiveFilter live = new LiveFilter(tenant, filter.deviceId(), filter.profileId(), filter.authorityId(), true);
        return Panache.withTransaction(() -> certificates.liveAuthorityIds(live, Instant.now())
                .chain(ids -> lockAuthorities(tenant, ids))
                .chain(locked -> revokeLive(locked, live, checkedReason))
                .call(revoked -> audit.append(tenant, actor, "CERTIFICATES_REVOKED", "certificates:" + filter.describe(),
                        AuditLog.SUCCESS + " (" + revoked.size() + " revoked, " + checkedReason + ")")))
                .call(revoked -> afterCommit(tenant, revoked))
                .map(revoked -> {
                    Log.infof("revoked %d certificates of tenant %s (%s, %s)", revoked.size(), tenant,
                            filter.describe(), checkedReason);
                    Set<String> cas = new TreeSet<>();
                    revoked.forEach(c -> cas.add(c.authorityId));
                    return new Outcome(revoked.size(), checkedReason, cas);
                });
    }

    /**
     * In the caller's transaction, with {@code ca} locked: revokes its certificates that are neither revoked nor
     * expired (a CA being revoked takes them with it) and returns them; the caller signs the CRLs after its commit.
     */
    Uni<List<IssuedCertificateEntity>> revokeLiveLeavesOf(AuthorityEntity ca, String reason) {
        return revokeLive(Map.of(ca.id, ca), new LiveFilter(ca.tenant, null, null, ca.id, false), reason);
    }

    /**
     * Drops the kept OCSP answers of the CAs of what was revoked and has their CRLs, marked stale with the
     * revocation, signed by the publisher (or the next download, whichever comes first).
     */
    Uni<Void> afterCommit(String tenant, List<IssuedCertificateEntity> revoked) {
        relay.trigger();
        revoked.stream().map(c -> c.authorityId).distinct().forEach(ocsp::forget);
        crls.publishDue();
        return Uni.createFrom().voidItem();
    }

    /** Locks these CAs of the tenant, in id order. */
    private Uni<Map<String, AuthorityEntity>> lockAuthorities(String tenant, List<String> authorityIds) {
        Map<String, AuthorityEntity> locked = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : new TreeSet<>(authorityIds)) {
            chain = chain.chain(() -> authorities.lockInTenant(tenant, id).invoke(ca -> {
                if (ca != null) {
                    locked.put(id, ca);
                }
            })).replaceWithVoid();
        }
        return chain.replaceWith(locked);
    }

    /** With the CAs locked: the matching live certificates read again under lock, revoked, each with its event. */
    private Uni<List<IssuedCertificateEntity>> revokeLive(Map<String, AuthorityEntity> locked, LiveFilter filter,
            String reason) {
        if (locked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now();
        return certificates.liveMatchingLocked(filter, now, List.copyOf(locked.keySet())).chain(live -> {
            Set<String> staleKeys = new TreeSet<>();
            // one after the other, without nesting a Uni per certificate (a CA may have many)
            return Multi.createFrom().iterable(live).onItem().transformToUniAndConcatenate(certificate -> {
                CertificateRevocation.markRevoked(certificate, reason, now);
                AuthorityEntity ca = locked.get(certificate.authorityId);
                Uni<Void> stale = staleKeys.add(ca.id + "/" + certificate.keyGeneration)
                        ? revocation.markCrlStale(ca, certificate.keyGeneration)
                        : Uni.createFrom().voidItem();
                return stale.chain(() -> outbox.append(CloudEvent.of(EventOutbox.SOURCE,
                        CertificateRevocation.revokedEvent(certificate))));
            }).collect().last().replaceWith(live);
        });
    }

    /** The reason leaves get when their CA is revoked: the CA's, but a CA's key compromise is cACompromise to them. */
    static String leafReasonForRevokedCa(String caReason) {
        return "keyCompromise".equals(caReason) ? RevocationReasons.forRevocation("cACompromise") : caReason;
    }
}
