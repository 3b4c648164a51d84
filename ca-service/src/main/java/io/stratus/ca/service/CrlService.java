package io.stratus.ca.service;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.AuthorityCrlEntity;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.DeltaCrlEntity;
import io.stratus.ca.mapping.PkiUrls;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityCrlRepository;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.repository.DeltaCrlRepository;
import io.stratus.ca.repository.RevokedSerials;
import io.stratus.crypto.CaSigningKey;
import io.stratus.crypto.CrlWriter;
import io.stratus.crypto.Crls.RevokedEntry;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.events.CloudEvent;
import io.stratus.events.CrlPublishedEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A CA's full CRLs, one per key generation (as ADCS does): each lists the revoked leaf certificates and revoked
 * issuing-CA certificates that this key signed, and is signed by this key. Key generation 1 keeps its CRL on the
 * authority row; later ones in authority_crl. A CRL is kept in the database and served until half of its validity
 * has passed or a revocation made it stale. Signing a new one locks the CA row, so CRL numbers never repeat and a
 * concurrent revocation is never left out; the CrlPublished event is committed with it.
 */
@ApplicationScoped
public class CrlService {

    private final AuthorityService authorityService;
    private final AuthorityRepository authorities;
    private final RevokedSerials revokedSerials;
    private final CaCertificateRepository generations;
    private final KeyCertificates keyCertificates;
    private final AuthorityCrlRepository crlRows;
    private final DeltaCrlRepository deltas;
    private final CaKeyStore keys;
    private final PkiUrls urls;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final CaConfig config;
    private final Vertx vertx;

    public CrlService(AuthorityService authorityService, AuthorityRepository authorities,
            RevokedSerials revokedSerials, CaCertificateRepository generations,
            KeyCertificates keyCertificates, AuthorityCrlRepository crlRows, DeltaCrlRepository deltas,
            CaKeyStore keys, PkiUrls urls,
            EventOutbox outbox, OutboxRelay relay, CaConfig config, Vertx vertx) {
        this.authorityService = authorityService;
        this.authorities = authorities;
        this.revokedSerials = revokedSerials;
        this.generations = generations;
        this.keyCertificates = keyCertificates;
        this.crlRows = crlRows;
        this.deltas = deltas;
        this.keys = keys;
        this.urls = urls;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.vertx = vertx;
    }

    /** DER of the CRL of the CA's first key, signing a new one when needed; 404 problem for an unknown CA. */
    public Uni<byte[]> currentCrl(String tenant, String authorityId) {
        return currentCrl(tenant, authorityId, 1);
    }

    /** DER of the CRL of one key generation of the CA; 404 problem when the CA has no such key in use. */
    public Uni<byte[]> currentCrl(String tenant, String authorityId, int keyGeneration) {
        return authorityService.getSigned(tenant, authorityId)
                .chain(ca -> Panache.withSession(() -> keyCertificate(ca, keyGeneration)
                        .chain(ignored -> slot(ca, keyGeneration))))
                .chain(slot -> slot.isFresh(config.crlValidity()) ? Uni.createFrom().item(slot.der())
                        : reissue(tenant, authorityId, keyGeneration));
    }

    /**
     * Signs and stores a new CRL of one key generation unless its CRL is fresh: not marked stale by a revocation and
     * before half its validity. Under the CA row's lock, so a CRL another caller has just signed is kept, not signed
     * twice.
     */
    public Uni<byte[]> reissue(String tenant, String authorityId, int keyGeneration) {
        return Panache.withTransaction(() -> authorities.lockInTenant(tenant, authorityId)
                .onItem().ifNull().failWith(() -> new IllegalStateException("CA " + authorityId + " vanished"))
                .chain(ca -> keyCertificate(ca, keyGeneration).chain(issuer -> slot(ca, keyGeneration)
                        .chain(slot -> slot.isFresh(config.crlValidity()) ? Uni.createFrom().item(slot.der())
                                : signAndStore(ca, issuer, slot)))))
                .invoke(relay::trigger);
    }

    /** Every key generation of the CA whose CRL lists revoked children signed by it, complete CRL and delta. */
    public Uni<Void> reissueAll(String tenant, String authorityId, List<Integer> keyGenerations) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Integer keyGeneration : keyGenerations) {
            all = all.chain(() -> reissue(tenant, authorityId, keyGeneration)
                    .chain(() -> reissueDelta(tenant, authorityId, keyGeneration)).replaceWithVoid());
        }
        return all;
    }

    /**
     * DER of the delta CRL of one key generation: the kept delta when it and the complete CRL are current (one light
     * query: a CA with a million revoked certificates keeps a 49 MB complete CRL on its row, which the CA's entity
     * would load); else the complete CRL is brought up to date first (which marks the delta stale when it signs one),
     * then a delta is signed when the kept one is stale or past half its validity.
     */
    public Uni<byte[]> currentDelta(String tenant, String authorityId, int keyGeneration) {
        Instant freshUntil = Instant.now().plus(config.deltaCrlValidity().dividedBy(2));
        return deltas.servable(tenant, authorityId, keyGeneration, freshUntil)
                .chain(kept -> kept != null ? Uni.createFrom().item(kept) : signedDelta(tenant, authorityId,
                        keyGeneration));
    }

    /** The slow way: the CA checked and its complete CRL brought up to date first, then the delta. */
    private Uni<byte[]> signedDelta(String tenant, String authorityId, int keyGeneration) {
        return currentCrl(tenant, authorityId, keyGeneration)
                .chain(() -> Panache.withSession(() -> deltas.find(authorityId, keyGeneration)))
                .chain(delta -> delta != null && isFresh(delta) ? Uni.createFrom().item(delta.crlDer)
                        : reissueDelta(tenant, authorityId, keyGeneration));
    }

    /** Signs a new delta CRL of one key generation unless the kept one is fresh; under the CA row's lock. */
    public Uni<byte[]> reissueDelta(String tenant, String authorityId, int keyGeneration) {
        return Panache.withTransaction(() -> authorities.lockInTenant(tenant, authorityId)
                .onItem().ifNull().failWith(() -> new IllegalStateException("CA " + authorityId + " vanished"))
                .chain(ca -> keyCertificate(ca, keyGeneration).chain(issuer -> slot(ca, keyGeneration)
                        .chain(slot -> deltaOf(ca, issuer, slot).chain(delta -> isFresh(delta)
                                ? Uni.createFrom().item(delta.crlDer)
                                : signDelta(ca, issuer, slot, delta))))));
    }

    private boolean isFresh(DeltaCrlEntity delta) {
        return !delta.crlStale && delta.crlDer != null && delta.crlNextUpdate != null
                && Instant.now().isBefore(delta.crlNextUpdate.minus(config.deltaCrlValidity().dividedBy(2)));
    }

    /**
     * The delta state of a key; a key whose complete CRL was signed before delta CRLs existed (or never) first gets a
     * new complete CRL, which becomes the base.
     */
    private Uni<DeltaCrlEntity> deltaOf(AuthorityEntity ca, CaCertificateEntity issuer, CrlSlot slot) {
        return deltas.find(slot.ca().id, slot.keyGeneration()).chain(found -> found != null
                ? Uni.createFrom().item(found)
                : signAndStore(ca, issuer, slot).chain(() -> deltas.find(slot.ca().id, slot.keyGeneration())));
    }

    private Uni<DeltaCrlEntity> persistBase(CrlSlot slot, long number, Instant thisUpdate) {
        DeltaCrlEntity created = new DeltaCrlEntity();
        created.authorityId = slot.ca().id;
        created.keyGeneration = slot.keyGeneration();
        created.baseCrlNumber = number;
        created.baseThisUpdate = thisUpdate;
        created.crlStale = true;
        return deltas.persist(created);
    }

    /**
     * After a complete CRL: its delta is stale, and a complete CRL published on schedule (the first, or one past half
     * its validity, stale or not) becomes the base of the deltas that follow, as does any complete CRL once the base is
     * older than half a CRL validity (a CA that revokes every day would otherwise keep its first base). One signed
     * only because a revocation made the last stale does not move the base, so relying parties that hold an older
     * complete CRL still find the delta usable.
     */
    private Uni<Void> afterCompleteCrl(CrlSlot slot, boolean scheduled, long number, Instant thisUpdate) {
        return deltas.find(slot.ca().id, slot.keyGeneration()).chain(delta -> {
            if (delta == null) {
                return persistBase(slot, number, thisUpdate).replaceWithVoid();
            }
            if (scheduled || delta.baseThisUpdate.isBefore(thisUpdate.minus(config.crlValidity().dividedBy(2)))) {
                delta.baseCrlNumber = number;
                delta.baseThisUpdate = thisUpdate;
            }
            delta.crlStale = true;
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * A delta CRL: the revocations of this key since its base was made (less a margin for clocks), numbered from the
     * key's CRL sequence.
     */
    private Uni<byte[]> signDelta(AuthorityEntity ca, CaCertificateEntity issuer, CrlSlot slot, DeltaCrlEntity delta) {
        long number = slot.number() + 1;
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.deltaCrlValidity());
        CrlWriter writer = new CrlWriter(issuerCertificate(ca, issuer), BigInteger.valueOf(number), thisUpdate,
                nextUpdate).deltaOf(BigInteger.valueOf(delta.baseCrlNumber));
        Instant since = delta.baseThisUpdate.minus(DELTA_MARGIN);
        return writeEntries(ca, slot.keyGeneration(), thisUpdate, since, writer)
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> writer.sign(signingKey(ca, issuer)))))
                .invoke(der -> {
                    slot.useNumber(number);
                    delta.crlDer = der;
                    delta.crlNextUpdate = nextUpdate;
                    delta.crlStale = false;
                    Log.infof("signed delta CRL %d of CA %s (key generation %d, base %d, %d entries)", number, ca.id,
                            slot.keyGeneration(), delta.baseCrlNumber, writer.size());
                });
    }

    /** The newest in-use certificate of the key generation (the CRL's issuer); 404 when there is none. */
    private Uni<CaCertificateEntity> keyCertificate(AuthorityEntity ca, int keyGeneration) {
        return keyCertificates.newest(ca, keyGeneration);
    }

    private Uni<CrlSlot> slot(AuthorityEntity ca, int keyGeneration) {
        if (keyGeneration == 1) {
            return Uni.createFrom().item(new CrlSlot(ca, null, false));
        }
        return crlRows.find(ca.id, keyGeneration).chain(row -> {
            if (row != null) {
                return Uni.createFrom().item(new CrlSlot(ca, row, false));
            }
            AuthorityCrlEntity created = new AuthorityCrlEntity();
            created.authorityId = ca.id;
            created.keyGeneration = keyGeneration;
            return Uni.createFrom().item(new CrlSlot(ca, created, true));
        });
    }

    private Uni<byte[]> signAndStore(AuthorityEntity ca, CaCertificateEntity issuer, CrlSlot slot) {
        long number = slot.number() + 1;
        int keyGeneration = slot.keyGeneration();
        boolean scheduled = slot.der() == null || slot.nextUpdate() == null
                || !Instant.now().isBefore(slot.nextUpdate().minus(config.crlValidity().dividedBy(2)));
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.crlValidity());
        CrlWriter writer = new CrlWriter(issuerCertificate(ca, issuer), BigInteger.valueOf(number), thisUpdate,
                nextUpdate).freshestCrl(urls.deltaCrl(ca.tenant, ca.id, keyGeneration));
        return writeEntries(ca, keyGeneration, thisUpdate, null, writer)
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> writer.sign(signingKey(ca, issuer)))))
                .chain(der -> slot.store(crlRows, number, der, nextUpdate)
                        .chain(() -> afterCompleteCrl(slot, scheduled, number, thisUpdate)).chain(() -> {
                            String url = urls.crl(ca.tenant, ca.id, keyGeneration);
                            CrlPublishedEvent event = new CrlPublishedEvent(ca.tenant, ca.id, number, url, thisUpdate,
                                    nextUpdate);
                            Log.infof("signed CRL %d of CA %s (key generation %d, %d entries, %d bytes)", number,
                                    ca.id, keyGeneration, writer.size(), der.length);
                            return outbox.append(CloudEvent.of(EventOutbox.SOURCE, event)).replaceWith(der);
                        }));
    }

    private static X509Certificate issuerCertificate(AuthorityEntity ca, CaCertificateEntity issuer) {
        return issuer == null ? Pem.certificate(ca.certificatePem) : Pem.certificate(issuer.certificateDer);
    }

    /**
     * Revoked leaf certificates signed by this key that had not expired a CRL validity before thisUpdate, streamed
     * into the CRL as they are read, then revoked issuing-CA certificates signed by it (a root); for a delta CRL only
     * those revoked at or after {@code revokedSince}.
     */
    private Uni<Void> writeEntries(AuthorityEntity ca, int keyGeneration, Instant thisUpdate, Instant revokedSince,
            CrlWriter writer) {
        // an entry stays until one CRL made after the certificate expired has listed it (RFC 5280 3.3)
        return revokedSerials.forEach(ca.id, keyGeneration, thisUpdate.minus(config.crlValidity()), revokedSince,
                        leaf -> writer.add(entry(leaf.serialHex(), leaf.revokedAt(), leaf.revocationReason(), thisUpdate)))
                .chain(() -> authorities.revokedChildrenOf(ca.id))
                .chain(children -> generations.revokedChildCertificates(ca.id, keyGeneration)
                        .invoke(childCerts -> childEntries(children, childCerts, keyGeneration, thisUpdate).stream()
                                .filter(entry -> revokedSince == null || !entry.revokedAt().isBefore(revokedSince))
                                .forEach(writer::add)))
                .replaceWithVoid();
    }

    private static List<RevokedEntry> childEntries(List<AuthorityEntity> children, List<CaCertificateEntity> childCerts,
            int keyGeneration, Instant thisUpdate) {
        Map<String, AuthorityEntity> byId = children.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<RevokedEntry> entries = new ArrayList<>();
        childCerts.forEach(c -> {
            AuthorityEntity child = byId.get(c.authorityId);
            if (child != null) {
                entries.add(entry(c.serialHex, child.revokedAt, child.revocationReason, thisUpdate));
            }
        });
        if (keyGeneration == 1) {
            addChildrenWithoutGenerations(children, childCerts, entries, thisUpdate);
        }
        return entries;
    }

    /** A revoked child whose certificate has no generation row (rows older than V5 always have one): its serial. */
    private static void addChildrenWithoutGenerations(List<AuthorityEntity> children,
            List<CaCertificateEntity> childCerts, List<RevokedEntry> entries, Instant fallbackTime) {
        children.stream()
                .filter(child -> child.serialHex != null
                        && childCerts.stream().noneMatch(c -> c.authorityId.equals(child.id)) && child.generation == 1)
                .forEach(child -> entries.add(entry(child.serialHex, child.revokedAt, child.revocationReason,
                        fallbackTime)));
    }

    private static RevokedEntry entry(String serialHex, Instant revokedAt, String reason, Instant fallbackTime) {
        return new RevokedEntry(Serials.parseHex(serialHex), revokedAt != null ? revokedAt : fallbackTime,
                RevocationReasons.code(reason));
    }

    private PrivateKey signingKey(AuthorityEntity ca, CaCertificateEntity issuerRow) {
        CaSigningKey key = issuerRow == null ? keys.signingKey(ca) : keys.signingKey(ca, issuerRow);
        return key.privateKey();
    }

    /** Revocations this long before a delta's base was made are listed again (clocks of replicas differ). */
    static final Duration DELTA_MARGIN = Duration.ofMinutes(5);

    /** How long a CRL stays valid (for Cache-Control). */
    public Duration validity() {
        return config.crlValidity();
    }

    /** Where one key generation's CRL is kept: on the authority row (key generation 1) or in authority_crl. */
    private record CrlSlot(AuthorityEntity ca, AuthorityCrlEntity row, boolean newRow) {

        int keyGeneration() {
            return row == null ? 1 : row.keyGeneration;
        }

        long number() {
            return row == null ? ca.crlNumber : row.crlNumber;
        }

        byte[] der() {
            return row == null ? ca.crlDer : row.crlDer;
        }

        Instant nextUpdate() {
            return row == null ? ca.crlNextUpdate : row.crlNextUpdate;
        }

        /** Takes a number of the key's CRL sequence for a delta CRL. */
        void useNumber(long number) {
            if (row == null) {
                ca.crlNumber = number;
            } else {
                row.crlNumber = number;
            }
        }

        boolean isFresh(Duration validity) {
            byte[] der = der();
            Instant nextUpdate = row == null ? ca.crlNextUpdate : row.crlNextUpdate;
            boolean stale = row == null ? ca.crlStale : row.crlStale;
            if (der == null || nextUpdate == null || stale) {
                return false;
            }
            return Instant.now().isBefore(nextUpdate.minus(validity.dividedBy(2)));
        }

        Uni<Void> store(AuthorityCrlRepository rows, long number, byte[] der, Instant nextUpdate) {
            if (row == null) {
                ca.crlNumber = number;
                ca.crlDer = der;
                ca.crlNextUpdate = nextUpdate;
                ca.crlStale = false;
                return Uni.createFrom().voidItem();
            }
            row.crlNumber = number;
            row.crlDer = der;
            row.crlNextUpdate = nextUpdate;
            row.crlStale = false;
            return newRow ? rows.persist(row).replaceWithVoid() : Uni.createFrom().voidItem();
        }
    }
}
