package io.stratus.ca.service;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.crypto.Crls;
import io.stratus.crypto.Crls.RevokedEntry;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A CA's CRL: signed with the CA key from the certificates it revoked, kept in the database and served until half
 * of its validity has passed; then a new one with the next CRL number is signed. Downloads never sign on each call.
 */
@ApplicationScoped
public class CrlService {

    private final AuthorityService authorityService;
    private final AuthorityRepository authorities;
    private final IssuedCertificateRepository certificates;
    private final CaKeyStore keys;
    private final CaConfig config;
    private final Vertx vertx;

    public CrlService(AuthorityService authorityService, AuthorityRepository authorities,
            IssuedCertificateRepository certificates, CaKeyStore keys, CaConfig config, Vertx vertx) {
        this.authorityService = authorityService;
        this.authorities = authorities;
        this.certificates = certificates;
        this.keys = keys;
        this.config = config;
        this.vertx = vertx;
    }

    /** DER of the CA's current CRL; 404 problem for an unknown CA. */
    public Uni<byte[]> currentCrl(String tenant, String authorityId) {
        return authorityService.get(tenant, authorityId).chain(ca -> isFresh(ca) ? Uni.createFrom().item(ca.crlDer)
                : publishNew(ca));
    }

    private boolean isFresh(AuthorityEntity ca) {
        if (ca.crlDer == null || ca.crlNextUpdate == null) {
            return false;
        }
        Instant renewAt = ca.crlNextUpdate.minus(config.crlValidity().dividedBy(2));
        return Instant.now().isBefore(renewAt);
    }

    private Uni<byte[]> publishNew(AuthorityEntity ca) {
        long previous = ca.crlNumber;
        long next = previous + 1;
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.crlValidity());
        return Panache.withSession(() -> certificates.revokedBy(ca.id))
                .chain(revoked -> vertx.executeBlocking(Uni.createFrom().item(
                        () -> sign(ca, next, thisUpdate, nextUpdate, revoked))))
                .chain(der -> Panache.withTransaction(() -> authorities.storeCrl(ca.id, previous, next, der, nextUpdate))
                        .chain(stored -> {
                            if (stored == 1) {
                                Log.infof("signed CRL %d of CA %s", next, ca.id);
                                return Uni.createFrom().item(der);
                            }
                            return Panache.withSession(() -> authorities.findById(ca.id)).map(latest -> latest.crlDer);
                        }));
    }

    private byte[] sign(AuthorityEntity ca, long number, Instant thisUpdate, Instant nextUpdate,
            List<IssuedCertificateEntity> revoked) {
        List<RevokedEntry> entries = revoked.stream()
                .map(c -> new RevokedEntry(Serials.parseHex(c.serialHex), c.revokedAt != null ? c.revokedAt : thisUpdate,
                        RevocationReasons.code(c.revocationReason)))
                .toList();
        X509Certificate issuer = Pem.certificate(ca.certificatePem);
        return Crls.buildDer(issuer, keys.privateKey(ca), BigInteger.valueOf(number), thisUpdate, nextUpdate, entries);
    }

    /** How long a CRL stays valid (for Cache-Control). */
    public Duration validity() {
        return config.crlValidity();
    }
}
