package io.stratus.ca.service;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.service.signing.LeafDraft;
import io.stratus.ca.service.signing.SigningContext;
import io.stratus.ca.service.signing.SigningOptions;
import io.stratus.crypto.CsrException;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.Pem;
import io.stratus.events.CertificateRequestedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies a request's CSR, applies the signing options of its purpose and signs the leaf certificate.
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
        ParsedCsr csr = parse(request.csr());
        LeafDraft draft = options.draft(new SigningContext(request, csr, authority, Instant.now()));
        X509Certificate issuer = caCertificates.computeIfAbsent(authority.id + "#" + authority.generation,
                id -> Pem.certificate(authority.certificatePem));
        PrivateKey issuerKey = keys.privateKey(authority);
        try {
            return metrics.timeSigning(() -> LeafCertificateSigner.sign(draft.toSpec(), csr.publicKey(), issuer,
                    issuerKey));
        } catch (IllegalArgumentException e) {
            throw IssuanceRejection.policy("cannot sign: " + e.getMessage());
        }
    }

    private static ParsedCsr parse(String base64Der) {
        if (base64Der == null || base64Der.isBlank()) {
            throw new IssuanceRejection(IssuanceRejection.BAD_CSR, "the request carries no CSR");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64Der);
        } catch (IllegalArgumentException e) {
            throw new IssuanceRejection(IssuanceRejection.BAD_CSR, "the CSR is not base64");
        }
        try {
            return Csrs.parse(der);
        } catch (CsrException e) {
            throw new IssuanceRejection(IssuanceRejection.BAD_CSR, e.getMessage());
        }
    }
}
