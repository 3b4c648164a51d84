package io.stratus.ca.service;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.mapping.PkiUrls;
import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes a CA's key pair and certificate: roots self-signed without a path length, issuing CAs signed by their root
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

    /** A new CA: its key pair and certificate. {@code parent} is null for a root. */
    public IssuedCa create(NewAuthority request, AuthorityEntity parent, Instant notBefore) {
        Instant notAfter = notAfter(notBefore, request.validityYears());
        KeyPair keyPair = request.keyAlgorithm().generate();
        X509Certificate certificate;
        if (request.kind() == AuthorityKind.ROOT) {
            CaSpec spec = new CaSpec(request.subjectDn(), request.keyAlgorithm(), notBefore, notAfter,
                    request.extendedKeyUsageOids(), null, null, null, null);
            certificate = CaCertificateBuilder.selfSignedRoot(spec, keyPair);
        } else {
            CaSpec spec = new CaSpec(request.subjectDn(), request.keyAlgorithm(), notBefore, notAfter,
                    request.extendedKeyUsageOids(), 0, urls.crl(parent.tenant, parent.id),
                    urls.caIssuers(parent.tenant, parent.id), null);
            certificate = CaCertificateBuilder.issuing(spec, keyPair.getPublic(),
                    Pem.certificate(parent.certificatePem), keys.privateKey(parent));
        }
        return new IssuedCa(keyPair, certificate);
    }

    /** The end of a CA's life that starts at {@code notBefore} and lasts {@code years} calendar years. */
    public static Instant notAfter(Instant notBefore, int years) {
        return notBefore.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    /** A key pair with its CA certificate. */
    public record IssuedCa(KeyPair keyPair, X509Certificate certificate) {
        @Override
        public String toString() {
            return "IssuedCa[" + certificate.getSubjectX500Principal() + "]";
        }
    }
}
