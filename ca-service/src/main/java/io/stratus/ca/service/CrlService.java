package io.stratus.ca.service;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.mapping.PkiUrls;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.crypto.Crls;
import io.stratus.crypto.Crls.RevokedEntry;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.events.CloudEvent;
import io.stratus.events.CrlPublishedEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A CA's full CRL: its revoked leaf certificates and revoked issuing CAs, signed with the CA key, kept in the
 * database and served until half of its validity has passed or a revocation made it stale. Signing a new one locks
 * the CA row, so CRL numbers never repeat and a concurrent revocation is never left out; the CrlPublished event is
 * committed with it.
 */
@ApplicationScoped
public class CrlService {

    private final AuthorityService authorityService;
    private final AuthorityRepository authorities;
    private final IssuedCertificateRepository certificates;
    private final CaKeyStore keys;
    private final PkiUrls urls;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final CaConfig config;
    private final Vertx vertx;

    public CrlService(AuthorityService authorityService, AuthorityRepository authorities,
            IssuedCertificateRepository certificates, CaKeyStore keys, PkiUrls urls, EventOutbox outbox,
            OutboxRelay relay, CaConfig config, Vertx vertx) {
        this.authorityService = authorityService;
        this.authorities = authorities;
        this.certificates = certificates;
        this.keys = keys;
        this.urls = urls;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.vertx = vertx;
    }

    /** DER of the CA's current CRL, signing a new one when needed; 404 problem for an unknown CA. */
    public Uni<byte[]> currentCrl(String tenant, String authorityId) {
        return authorityService.getSigned(tenant, authorityId)
                .chain(ca -> isFresh(ca) ? Uni.createFrom().item(ca.crlDer) : reissue(tenant, authorityId, false));
    }

    /** Signs and stores a new CRL now (after a revocation); {@code force} false keeps a CRL that is still fresh. */
    public Uni<byte[]> reissue(String tenant, String authorityId, boolean force) {
        return Panache.withTransaction(() -> authorities.lockInTenant(tenant, authorityId)
                .onItem().ifNull().failWith(() -> new IllegalStateException("CA " + authorityId + " vanished"))
                .chain(ca -> !force && isFresh(ca) ? Uni.createFrom().item(ca.crlDer) : signAndStore(ca)))
                .invoke(relay::trigger);
    }

    private boolean isFresh(AuthorityEntity ca) {
        if (ca.crlDer == null || ca.crlNextUpdate == null || ca.crlStale) {
            return false;
        }
        Instant renewAt = ca.crlNextUpdate.minus(config.crlValidity().dividedBy(2));
        return Instant.now().isBefore(renewAt);
    }

    private Uni<byte[]> signAndStore(AuthorityEntity ca) {
        long number = ca.crlNumber + 1;
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.crlValidity());
        return revokedEntries(ca, thisUpdate)
                .chain(entries -> vertx.executeBlocking(Uni.createFrom().item(
                        () -> sign(ca, number, thisUpdate, nextUpdate, entries))))
                .chain(der -> {
                    ca.crlNumber = number;
                    ca.crlDer = der;
                    ca.crlNextUpdate = nextUpdate;
                    ca.crlStale = false;
                    CrlPublishedEvent event = new CrlPublishedEvent(ca.tenant, ca.id, number,
                            urls.crl(ca.tenant, ca.id), thisUpdate, nextUpdate);
                    Log.infof("signed CRL %d of CA %s", number, ca.id);
                    return outbox.append(CloudEvent.of(EventOutbox.SOURCE, event)).replaceWith(der);
                });
    }

    /** Revoked leaf certificates, then revoked issuing CAs (for a root). */
    private Uni<List<RevokedEntry>> revokedEntries(AuthorityEntity ca, Instant fallbackTime) {
        return certificates.revokedBy(ca.id).chain(leaves -> authorities.revokedChildrenOf(ca.id).map(children -> {
            List<RevokedEntry> entries = new ArrayList<>();
            leaves.forEach(c -> entries.add(entry(c.serialHex, c.revokedAt, c.revocationReason, fallbackTime)));
            children.forEach(c -> entries.add(entry(c.serialHex, c.revokedAt, c.revocationReason, fallbackTime)));
            return entries;
        }));
    }

    private static RevokedEntry entry(String serialHex, Instant revokedAt, String reason, Instant fallbackTime) {
        return new RevokedEntry(Serials.parseHex(serialHex), revokedAt != null ? revokedAt : fallbackTime,
                RevocationReasons.code(reason));
    }

    private byte[] sign(AuthorityEntity ca, long number, Instant thisUpdate, Instant nextUpdate,
            List<RevokedEntry> entries) {
        X509Certificate issuer = Pem.certificate(ca.certificatePem);
        return Crls.buildDer(issuer, keys.privateKey(ca), BigInteger.valueOf(number), thisUpdate, nextUpdate, entries);
    }

    /** How long a CRL stays valid (for Cache-Control). */
    public Duration validity() {
        return config.crlValidity();
    }
}
