package io.stratus.ca.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.mapping.PkiUrls;
import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;
import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes a CA's key and certificate: roots self-signed without a path length, issuing CAs signed by their root
 * with path length 0 and the root's CRL distribution point and caIssuers URL. CPU-heavy: call off the event loop.
 */
@ApplicationScoped
public class CaCertificateFactory {

    private final CaKeyStore keys;
    private final PkiUrls urls;

    public CaCertificateFactory(CaKeyStore keys, PkiUrls urls) {
        this.keys = keys;
        this.urls = urls;
    }

    /** A new CA {@code caId}: its key (from the configured key protection) and certificate; null parent for a root. */
    public IssuedCa create(String caId, NewAuthority request, AuthorityEntity parent, Instant notBefore) {
        Instant notAfter = notAfter(notBefore, request.validityYears());
        GeneratedCaKey key = keys.generate(caId, request.keyAlgorithm());
        X509Certificate certificate;
        if (request.kind() == AuthorityKind.ROOT) {
            CaSpec spec = new CaSpec(request.subjectDn(), request.keyAlgorithm(), notBefore, notAfter,
                    request.extendedKeyUsageOids(), null, null, null, null);
            certificate = CaCertificateBuilder.selfSignedRoot(spec, key.key().keyPair());
            keys.storeCertificateChain(caId, certificate);
        } else {
            X509Certificate parentCertificate = Pem.certificate(parent.certificatePem);
            CaSpec spec = new CaSpec(request.subjectDn(), request.keyAlgorithm(), notBefore, notAfter,
                    request.extendedKeyUsageOids(), 0, urls.crl(parent.tenant, parent.id),
                    urls.caIssuers(parent.tenant, parent.id), null);
            certificate = CaCertificateBuilder.issuing(spec, key.key().publicKey(), parentCertificate,
                    keys.privateKey(parent));
            keys.storeCertificateChain(caId, certificate, parentCertificate);
        }
        return new IssuedCa(key, certificate);
    }

    /** The end of a CA's life that starts at {@code notBefore} and lasts {@code years} calendar years. */
    public static Instant notAfter(Instant notBefore, int years) {
        return notBefore.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    /** A CA key (with the reference to store) and its certificate. */
    public record IssuedCa(GeneratedCaKey key, X509Certificate certificate) {
        @Override
        public String toString() {
            return "IssuedCa[" + certificate.getSubjectX500Principal() + "]";
        }
    }
}
