package io.stratus.ca.service.ocsp;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.crypto.Ocsp;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.events.AuthorityStatus;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers OCSP requests (RFC 6960) for one CA from the same records its CRLs are made of: good, revoked (with the
 * time and reason the CRL has) or unknown, signed by the delegated responder of the key that issued the certificate.
 * An answer without a nonce is kept for {@code stratus.ca.ocsp-cache} and served to every client that asks the same
 * (a revocation on this replica drops the CA's kept answers at once; another replica's are at most that old), so that
 * repeated questions cost a map lookup, not a signature. Errors are OCSP's own: malformedRequest for what is not a
 * request, unauthorized for a CA this responder does not answer for.
 */
@ApplicationScoped
public class OcspService {

    /** At most this many kept answers (each about a kilobyte: requests are small and serials at most 20 octets). */
    private static final int MAX_KEPT_ANSWERS = 20_000;

    private final AuthorityRepository authorities;
    private final CaCertificateRepository generations;
    private final IssuedCertificateRepository certificates;
    private final OcspResponders responders;
    private final CaConfig config;
    private final Vertx vertx;
    private final Map<String, KeptAnswer> kept = new ConcurrentHashMap<>();
    /** Per CA, how many times its kept answers were dropped: an answer read before a drop is not kept after it. */
    private final Map<String, AtomicLong> drops = new ConcurrentHashMap<>();

    public OcspService(AuthorityRepository authorities, CaCertificateRepository generations,
            IssuedCertificateRepository certificates, OcspResponders responders, CaConfig config, Vertx vertx) {
        this.authorities = authorities;
        this.generations = generations;
        this.certificates = certificates;
        this.responders = responders;
        this.config = config;
        this.vertx = vertx;
    }

    /** The DER OCSPResponse to a DER OCSPRequest about certificates of CA {@code authorityId}. */
    public Uni<byte[]> answer(String tenant, String authorityId, byte[] requestDer) {
        OCSPReq request;
        try {
            request = Ocsp.parse(requestDer);
        } catch (Ocsp.MalformedRequest e) {
            Log.debugf("OCSP request for CA %s refused: %s", authorityId, e.getMessage());
            return Uni.createFrom().item(Ocsp.error(OCSPRespBuilder.MALFORMED_REQUEST));
        }
        List<CertificateID> ids = Ocsp.certificateIds(request);
        Extension nonce = Ocsp.nonce(request);
        String keptKey = nonce == null && ids.size() == 1 ? keptKey(tenant, authorityId, ids.get(0)) : null;
        KeptAnswer hit = keptKey == null ? null : kept.get(keptKey);
        if (hit != null && Instant.now().isBefore(hit.until())) {
            return Uni.createFrom().item(hit.der());
        }
        long dropsBefore = drops(authorityId).get();
        return Panache.withSession(() -> authorities.findInTenant(tenant, authorityId)
                .chain(ca -> ca == null || ca.deletedAt != null || ca.certificatePem == null
                        ? Uni.createFrom().item(Ocsp.error(OCSPRespBuilder.UNAUTHORIZED))
                        : answer(ca, ids, nonce)
                                .invoke(der -> keep(keptKey, der, authorityId, dropsBefore))))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("OCSP request for CA %s not answered: %s", authorityId, failure.toString());
                    return Ocsp.error(OCSPRespBuilder.INTERNAL_ERROR);
                });
    }

    /** Forgets the answers kept for a CA (after one of its certificates was revoked on this replica). */
    public void forget(String authorityId) {
        drops(authorityId).incrementAndGet();
        kept.keySet().removeIf(key -> key.contains("/" + authorityId + "/"));
    }

    private AtomicLong drops(String authorityId) {
        return drops.computeIfAbsent(authorityId, id -> new AtomicLong());
    }

    /** Signed answers for a CA's certificates, or unauthorized when none of its keys in use issued them all. */
    private Uni<byte[]> answer(AuthorityEntity ca, List<CertificateID> ids, Extension nonce) {
        return generations.generationsOf(ca.id).chain(rows -> {
            Issuer issuer = issuerOf(ca, rows, ids);
            if (issuer == null || !issuer.certificate().getNotAfter().toInstant().isAfter(Instant.now())) {
                return Uni.createFrom().item(Ocsp.error(OCSPRespBuilder.UNAUTHORIZED));
            }
            return statuses(ca, issuer.keyGeneration(), ids).chain(answers -> vertx.executeBlocking(
                    Uni.createFrom().item(() -> sign(ca, issuer, answers, nonce))));
        });
    }

    /** The key (certificate) of the CA that issued every certificate asked about, or null when there is none. */
    private static Issuer issuerOf(AuthorityEntity ca, List<CaCertificateEntity> rows, List<CertificateID> ids) {
        List<Issuer> keys = new ArrayList<>();
        if (rows.isEmpty()) {
            keys.add(new Issuer(null, Pem.certificate(ca.certificatePem), 1));
        }
        rows.stream().filter(row -> (row.state == CaCertificateState.CURRENT || row.state == CaCertificateState.PREVIOUS)
                && row.certificateDer != null)
                .sorted((a, b) -> Integer.compare(b.generation, a.generation))
                .forEach(row -> keys.add(new Issuer(row, Pem.certificate(row.certificateDer), row.keyGeneration)));
        for (Issuer candidate : keys) {
            if (ids.stream().allMatch(id -> Ocsp.issuedBy(id, candidate.certificate()))) {
                return candidate;
            }
        }
        return null;
    }

    private Uni<List<Ocsp.Answer>> statuses(AuthorityEntity ca, int keyGeneration, List<CertificateID> ids) {
        Uni<List<Ocsp.Answer>> all = Uni.createFrom().item(new ArrayList<>());
        for (CertificateID id : ids) {
            all = all.chain(answers -> status(ca, keyGeneration, Ocsp.serial(id)).map(status -> {
                answers.add(new Ocsp.Answer(id, status));
                return answers;
            }));
        }
        return all;
    }

    /** A leaf this key signed, else a child CA's certificate it signed (for a root), else unknown. */
    private Uni<Ocsp.Status> status(AuthorityEntity ca, int keyGeneration, BigInteger serial) {
        String serialHex = Serials.hex(serial);
        return certificates.statusOf(ca.id, serialHex).chain(leaf -> {
            if (leaf != null && leaf.keyGeneration() == keyGeneration) {
                return Uni.createFrom().item(leaf.status() == CertificateStatus.REVOKED
                        ? revoked(leaf.revokedAt(), leaf.revocationReason()) : new Ocsp.Good());
            }
            return generations.childCertificate(ca.id, serialHex).chain(child -> {
                if (child == null || issuerKeyGeneration(child) != keyGeneration) {
                    return Uni.createFrom().item(new Ocsp.Unknown());
                }
                return authorities.findById(child.authorityId).map(childCa -> childCa.status == AuthorityStatus.REVOKED
                        ? revoked(childCa.revokedAt, childCa.revocationReason) : new Ocsp.Good());
            });
        });
    }

    /** The parent key that signed a child CA certificate; rows from before key generations were kept say null: 1. */
    private static int issuerKeyGeneration(CaCertificateEntity child) {
        return child.issuerKeyGeneration == null ? 1 : child.issuerKeyGeneration;
    }

    private static Ocsp.Status revoked(Instant revokedAt, String reason) {
        return new Ocsp.Revoked(revokedAt, RevocationReasons.code(reason));
    }

    private byte[] sign(AuthorityEntity ca, Issuer issuer, List<Ocsp.Answer> answers, Extension nonce) {
        OcspResponders.Responder responder = responders.of(ca, issuer.row(), issuer.certificate());
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Ocsp.respond(answers, nonce, responder.certificate(), responder.key(), thisUpdate,
                thisUpdate.plus(config.ocspValidity()));
    }

    /**
     * Keeps a successful answer under {@code key} (null: not to be kept, it has a nonce or several ids) unless the CA's
     * answers were dropped since it was read.
     */
    private void keep(String key, byte[] der, String authorityId, long dropsBefore) {
        if (key == null || drops(authorityId).get() != dropsBefore) {
            return;
        }
        if (kept.size() >= MAX_KEPT_ANSWERS) {
            kept.clear();
        }
        kept.put(key, new KeptAnswer(der, Instant.now().plus(config.ocspCache())));
        if (drops(authorityId).get() != dropsBefore) {
            kept.remove(key);
        }
    }

    private static String keptKey(String tenant, String authorityId, CertificateID id) {
        return tenant + "/" + authorityId + "/" + id.getHashAlgOID().getId() + "/"
                + new BigInteger(1, id.getIssuerNameHash()).toString(16) + "/"
                + new BigInteger(1, id.getIssuerKeyHash()).toString(16) + "/" + id.getSerialNumber().toString(16);
    }

    private record Issuer(CaCertificateEntity row, X509Certificate certificate, int keyGeneration) {
    }

    private record KeptAnswer(byte[] der, Instant until) {
    }
}
