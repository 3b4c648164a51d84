package io.stratus.ca.service;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.service.signing.LeafDraft;
import io.stratus.ca.service.signing.RequestedKey;
import io.stratus.ca.service.signing.SigningContext;
import io.stratus.ca.service.signing.SigningOptions;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateRequestedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decodes a request's key, applies the signing options of its purpose and signs the leaf certificate.
 * CPU-heavy (signature verification, signing): call it off the event loop.
 */
@ApplicationScoped
public class LeafIssuer {

    private final SigningOptions options;
    private final CaKeyStore keys;
    private final IssuanceMetrics metrics;
    private final Map<String, X509Certificate> caCertificates = new ConcurrentHashMap<>();

    public LeafIssuer(SigningOptions options, CaKeyStore keys, IssuanceMetrics metrics) {
        this.options = options;
        this.keys = keys;
        this.metrics = metrics;
    }

    /** The signed certificate; refusals as {@link IssuanceRejection}. */
    public X509Certificate issue(CertificateRequestedEvent request, AuthorityEntity authority) {
        RequestedKey key = RequestedKey.of(request.publicKey());
        LeafDraft draft = options.draft(new SigningContext(request, key, authority, Instant.now()));
        X509Certificate issuer = caCertificates.computeIfAbsent(authority.id + "#" + authority.generation,
                id -> Pem.certificate(authority.certificatePem));
        PrivateKey issuerKey = keys.privateKey(authority);
        try {
            return metrics.timeSigning(() -> LeafCertificateSigner.sign(draft.toSpec(), key.publicKey(), issuer,
                    issuerKey));
        } catch (IllegalArgumentException e) {
            throw IssuanceRejection.policy("cannot sign: " + e.getMessage());
        }
    }
}
