package io.stratus.crypto;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds X.509 v3 CA certificates: self-signed roots and issuing (subordinate) CAs.
 *
 * <p>Stateless: all methods are static; the public constructor only lets frameworks instantiate it.
 */
public final class CaCertificateBuilder {

    /**
     * What a CA certificate says. {@code algorithm} describes the subject key (null: detected from the
     * key). {@code pathLength} null means unlimited for roots and 0 for issuing CAs. URLs are optional.
     */
    public record CaSpec(String subjectDn, KeyAlgorithm algorithm, Instant notBefore, Instant notAfter,
            List<String> extendedKeyUsageOids, Integer pathLength, String crlUrl, String caIssuersUrl,
            String ocspUrl) {

        public CaSpec {
            extendedKeyUsageOids = extendedKeyUsageOids == null ? List.of() : List.copyOf(extendedKeyUsageOids);
            if (pathLength != null && pathLength < 0) {
                throw new IllegalArgumentException("pathLength must not be negative");
            }
        }

        /** A spec without EKUs, path length or URLs (typical for a root). */
        public static CaSpec of(String subjectDn, KeyAlgorithm algorithm, Instant notBefore, Instant notAfter) {
            return new CaSpec(subjectDn, algorithm, notBefore, notAfter, List.of(), null, null, null, null);
        }
    }

    public CaCertificateBuilder() {
    }

    /** A self-signed root; the signature algorithm belongs to the key pair. */
    public static X509Certificate selfSignedRoot(CaSpec spec, KeyPair keys) {
        KeyAlgorithm algorithm = subjectAlgorithm(spec, keys.getPublic());
        X500Name subject = subject(spec);
        byte[] keyId = KeyIdentifiers.of(keys.getPublic());
        X509v3CertificateBuilder builder = Certificates.start(subject, Serials.random(), spec.notBefore(),
                spec.notAfter(), subject, keys.getPublic());
        addCaExtensions(builder, spec, keys.getPublic(), keyId, spec.pathLength());
        return Certificates.sign(builder, algorithm.signatureAlgorithm(), keys.getPrivate());
    }

    /** An issuing CA signed by {@code issuer}, with the issuer key's signature algorithm. */
    public static X509Certificate issuing(CaSpec spec, PublicKey subjectKey, X509Certificate issuer,
            PrivateKey issuerKey) {
        subjectAlgorithm(spec, subjectKey);
        KeyAlgorithm issuerAlgorithm = KeyAlgorithm.of(issuer.getPublicKey());
        X509v3CertificateBuilder builder = Certificates.start(Certificates.subjectOf(issuer), Serials.random(),
                spec.notBefore(), spec.notAfter(), subject(spec), subjectKey);
        int pathLength = spec.pathLength() != null ? spec.pathLength() : 0;
        addCaExtensions(builder, spec, subjectKey, X509Extensions.authorityKeyId(issuer), pathLength);
        return Certificates.sign(builder, issuerAlgorithm.signatureAlgorithm(), issuerKey);
    }

    private static void addCaExtensions(X509v3CertificateBuilder builder, CaSpec spec, PublicKey subjectKey,
            byte[] authorityKeyId, Integer pathLength) {
        try {
            BasicConstraints constraints = pathLength == null ? new BasicConstraints(true)
                    : new BasicConstraints(pathLength);
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            X509Extensions.addKeyIdentifiers(builder, subjectKey, authorityKeyId);
            X509Extensions.addExtendedKeyUsages(builder, spec.extendedKeyUsageOids());
            X509Extensions.addRevocationAndIssuerAccess(builder, spec.crlUrl(), null, spec.caIssuersUrl(),
                    spec.ocspUrl());
        } catch (CertIOException e) {
            throw new CryptoException("cannot encode CA extensions", e);
        }
    }

    private static X500Name subject(CaSpec spec) {
        if (spec.subjectDn() == null || spec.subjectDn().isBlank()) {
            throw new IllegalArgumentException("a CA needs a subject DN");
        }
        return SubjectNames.parse(spec.subjectDn());
    }

    private static KeyAlgorithm subjectAlgorithm(CaSpec spec, PublicKey subjectKey) {
        KeyAlgorithm actual = KeyAlgorithm.of(subjectKey);
        if (spec.algorithm() != null && spec.algorithm() != actual) {
            throw new IllegalArgumentException(
                    "spec says " + spec.algorithm() + " but the subject key is " + actual);
        }
        return actual;
    }
}
