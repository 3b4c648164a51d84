package io.stratus.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** Shared steps of certificate construction. */
final class Certificates {

    private Certificates() {
    }

    static X509v3CertificateBuilder start(X500Name issuer, BigInteger serial, Instant notBefore, Instant notAfter,
            X500Name subject, PublicKey subjectKey) {
        if (notAfter == null) {
            throw new IllegalArgumentException("notAfter is required");
        }
        Instant start = notBefore != null ? notBefore : Instant.now();
        if (!notAfter.isAfter(start)) {
            throw new IllegalArgumentException("notAfter must be later than notBefore");
        }
        if (serial == null || serial.signum() <= 0) {
            throw new IllegalArgumentException("serial must be a positive integer");
        }
        return new X509v3CertificateBuilder(issuer, serial, Date.from(start), Date.from(notAfter), subject,
                SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, String signatureAlgorithm, PrivateKey signingKey) {
        X509CertificateHolder holder = builder.build(ContentSigners.of(signatureAlgorithm, signingKey));
        return toX509(holder);
    }

    static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new CryptoException("cannot convert certificate", e);
        }
    }

    static X500Name subjectOf(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }
}
