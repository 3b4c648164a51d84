package io.stratus.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Signs end-entity certificates for a subject key under an issuing CA.
 *
 * <p>Stateless: all methods are static; the public constructor only lets frameworks instantiate it.
 */
public final class LeafCertificateSigner {

    /**
     * What a leaf certificate says. {@code keyUsages} are RFC 5280 names ("digitalSignature",
     * "keyEncipherment"); empty means digitalSignature (+ keyEncipherment for RSA). For EC subject keys
     * encipherment usages are dropped. {@code serial} null means a fresh random serial.
     */
    public record LeafSpec(String subjectDn, List<San> sans, List<String> extendedKeyUsageOids,
            List<String> keyUsages, Instant notBefore, Instant notAfter, String crlUrl, String caIssuersUrl,
            String ocspUrl, BigInteger serial, String freshestCrlUrl) {

        public LeafSpec {
            sans = sans == null ? List.of() : List.copyOf(sans);
            extendedKeyUsageOids = extendedKeyUsageOids == null ? List.of() : List.copyOf(extendedKeyUsageOids);
            keyUsages = keyUsages == null ? List.of() : List.copyOf(keyUsages);
        }

        /** A leaf whose CA publishes no delta CRL (no Freshest CRL extension). */
        public LeafSpec(String subjectDn, List<San> sans, List<String> extendedKeyUsageOids, List<String> keyUsages,
                Instant notBefore, Instant notAfter, String crlUrl, String caIssuersUrl, String ocspUrl,
                BigInteger serial) {
            this(subjectDn, sans, extendedKeyUsageOids, keyUsages, notBefore, notAfter, crlUrl, caIssuersUrl,
                    ocspUrl, serial, null);
        }
    }

    public LeafCertificateSigner() {
    }

    /** Signs a leaf certificate with the issuer key's signature algorithm. */
    public static X509Certificate sign(LeafSpec spec, PublicKey subjectKey, X509Certificate issuer,
            PrivateKey issuerKey) {
        X500Name subject = SubjectNames.parse(spec.subjectDn());
        boolean emptySubject = subject.getRDNs().length == 0;
        if (emptySubject && spec.sans().isEmpty()) {
            throw new IllegalArgumentException("a certificate needs a subject DN or subject alternative names");
        }
        String subjectFamily = KeyAlgorithm.familyOf(subjectKey);
        if (!KeyAlgorithm.RSA.equals(subjectFamily) && !KeyAlgorithm.EC.equals(subjectFamily)) {
            throw new IllegalArgumentException("unsupported subject key type " + subjectFamily);
        }
        BigInteger serial = spec.serial() != null ? spec.serial() : Serials.random();
        X509v3CertificateBuilder builder = Certificates.start(Certificates.subjectOf(issuer), serial,
                spec.notBefore(), spec.notAfter(), subject, subjectKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(keyUsageBits(spec.keyUsages(), KeyAlgorithm.EC.equals(subjectFamily))));
            X509Extensions.addKeyIdentifiers(builder, subjectKey, X509Extensions.authorityKeyId(issuer));
            X509Extensions.addExtendedKeyUsages(builder, spec.extendedKeyUsageOids());
            if (!spec.sans().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, emptySubject,
                        X509Extensions.generalNames(spec.sans()));
            }
            X509Extensions.addRevocationAndIssuerAccess(builder, spec.crlUrl(), spec.freshestCrlUrl(),
                    spec.caIssuersUrl(), spec.ocspUrl());
        } catch (CertIOException e) {
            throw new CryptoException("cannot encode certificate extensions", e);
        }
        String signatureAlgorithm = KeyAlgorithm.of(issuer.getPublicKey()).signatureAlgorithm();
        return Certificates.sign(builder, signatureAlgorithm, issuerKey);
    }

    static int keyUsageBits(List<String> requested, boolean ecKey) {
        List<String> names = new ArrayList<>(requested);
        if (names.isEmpty()) {
            names.add(KeyUsages.DIGITAL_SIGNATURE);
            if (!ecKey) {
                names.add(KeyUsages.KEY_ENCIPHERMENT);
            }
        }
        if (ecKey) {
            names.removeIf(KeyUsages::isEncipherment);
        }
        int bits = KeyUsages.bits(names);
        if ((bits & (KeyUsage.keyCertSign | KeyUsage.cRLSign)) != 0) {
            throw new IllegalArgumentException("a leaf certificate cannot have keyCertSign or cRLSign");
        }
        return bits != 0 ? bits : KeyUsage.digitalSignature;
    }
}
