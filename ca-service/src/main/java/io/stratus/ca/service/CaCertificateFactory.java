package io.stratus.ca.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.mapping.PkiUrls;
import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import io.stratus.crypto.CaKeyProtection.GeneratedCaKey;
import io.stratus.crypto.CaSigningKey;
import io.stratus.crypto.KeyAlgorithm;
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
                    request.extendedKeyUsageOids(), 0, urls.crl(parent.tenant, parent.id, parent.keyGeneration),
                    urls.caIssuers(parent.tenant, parent.id, parent.keyGeneration), null);
            certificate = CaCertificateBuilder.issuing(spec, key.key().publicKey(), parentCertificate,
                    keys.privateKey(parent));
            keys.storeCertificateChain(caId, certificate, parentCertificate);
        }
        return new IssuedCa(key, certificate);
    }

    /**
     * A renewed certificate for {@code ca} as generation {@code generation}: same subject and EKUs, new serial and
     * validity, the current key or a new one of the same algorithm; a root signs itself, an issuing CA is signed by
     * its parent's current certificate and key (with the CRL and caIssuers URLs of the parent's current key).
     */
    public RenewedCa renew(AuthorityEntity ca, AuthorityEntity parent, int generation, boolean newKey,
            Instant notBefore, int years) {
        Instant notAfter = notAfter(notBefore, years);
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(ca.keyAlgorithm);
        CaSigningKey key;
        int keyGeneration;
        byte[] reference;
        String protection;
        if (newKey) {
            GeneratedCaKey generated = keys.generate(ca.id, generation, algorithm);
            key = generated.key();
            keyGeneration = generation;
            reference = generated.reference();
            protection = keys.kindOfNewKeys();
        } else {
            key = keys.signingKey(ca);
            keyGeneration = ca.keyGeneration;
            reference = ca.keyReference;
            protection = ca.keyProtection;
        }
        try {
            X509Certificate certificate;
            if (parent == null) {
                CaSpec spec = new CaSpec(ca.subjectDn, algorithm, notBefore, notAfter, ca.ekuList(), null, null, null,
                        null);
                certificate = CaCertificateBuilder.selfSignedRoot(spec, key.keyPair());
                if (newKey) {
                    keys.storeCertificateChain(protection, reference, certificate);
                }
            } else {
                X509Certificate parentCertificate = Pem.certificate(parent.certificatePem);
                CaSpec spec = new CaSpec(ca.subjectDn, algorithm, notBefore, notAfter, ca.ekuList(), 0,
                        urls.crl(parent.tenant, parent.id, parent.keyGeneration),
                        urls.caIssuers(parent.tenant, parent.id, parent.keyGeneration), null);
                certificate = CaCertificateBuilder.issuing(spec, key.publicKey(), parentCertificate,
                        keys.privateKey(parent));
                if (newKey) {
                    keys.storeCertificateChain(protection, reference, certificate, parentCertificate);
                }
            }
            return new RenewedCa(certificate, keyGeneration, reference, protection, newKey,
                    parent == null ? null : parent.keyGeneration);
        } catch (RuntimeException e) {
            if (newKey) {
                keys.discard(ca.id, keyGeneration, protection, reference);
            }
            throw e;
        }
    }

    /** The end of a CA's life that starts at {@code notBefore} and lasts {@code years} calendar years. */
    public static Instant notAfter(Instant notBefore, int years) {
        return notBefore.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    /** A renewed CA certificate and the key it certifies (by reference), with the parent key generation that signed it. */
    public record RenewedCa(X509Certificate certificate, int keyGeneration, byte[] keyReference, String keyProtection,
            boolean newKey, Integer issuerKeyGeneration) {
        @Override
        public String toString() {
            return "RenewedCa[" + certificate.getSubjectX500Principal() + ", key generation " + keyGeneration + "]";
        }
    }

    /** A CA key (with the reference to store) and its certificate. */
    public record IssuedCa(GeneratedCaKey key, X509Certificate certificate) {
        @Override
        public String toString() {
            return "IssuedCa[" + certificate.getSubjectX500Principal() + "]";
        }
    }
}
