package io.stratus.ca.service;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.stratus.ca.mapping.ExtendedKeyUsageNames;
import io.stratus.platform.rest.ProblemException;

/**
 * Checks an externally signed CA certificate before the CA goes live: it carries the CA's own key, is a CA
 * (basicConstraints CA:true, keyUsage keyCertSign), chains (PKIX, signatures and validity) to the self-signed root
 * among the uploaded certificates, ends no later than its issuers, and its EKUs cover those asked for and stay
 * within its issuers'. Every failure is a 400 problem that says which check failed.
 */
public final class ExternalCertificateCheck {

    private static final int KEY_CERT_SIGN = 5;

    private ExternalCertificateCheck() {
    }

    /** The issuers from the certificate's issuer up to the root; the certificate's EKU OIDs are then accepted. */
    public record Accepted(List<X509Certificate> issuers, List<String> extendedKeyUsages) {
    }

    public static Accepted check(PublicKey caKey, List<String> requestedEkus, X509Certificate certificate,
            List<X509Certificate> uploaded) {
        if (!Arrays.equals(caKey.getEncoded(), certificate.getPublicKey().getEncoded())) {
            throw bad("the certificate does not carry this CA's public key; sign the CSR from GET .../csr");
        }
        if (certificate.getBasicConstraints() < 0) {
            throw bad("the certificate is not a CA certificate (basicConstraints CA:true is missing)");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage == null || keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN]) {
            throw bad("the certificate's keyUsage lacks keyCertSign");
        }
        List<X509Certificate> issuers = issuers(certificate, uploaded);
        validatePath(certificate, issuers);
        for (X509Certificate issuer : issuers) {
            if (certificate.getNotAfter().after(issuer.getNotAfter())) {
                throw bad("the certificate ends on " + certificate.getNotAfter().toInstant() + ", after its issuer "
                        + issuer.getSubjectX500Principal().getName() + " (" + issuer.getNotAfter().toInstant() + ")");
            }
        }
        return new Accepted(issuers, extendedKeyUsages(certificate, requestedEkus, issuers));
    }

    /** Orders the uploaded certificates from the certificate's issuer up to a self-signed root. */
    private static List<X509Certificate> issuers(X509Certificate certificate, List<X509Certificate> uploaded) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = certificate;
        while (path.size() <= uploaded.size()) {
            X509Certificate issuer = issuerOf(current, uploaded);
            if (issuer == null) {
                throw bad("the chain has no certificate that issued " + current.getSubjectX500Principal().getName()
                        + "; upload the chain up to your root");
            }
            path.add(issuer);
            if (issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                return path;
            }
            current = issuer;
        }
        throw bad("the chain does not end in a self-signed root certificate");
    }

    private static X509Certificate issuerOf(X509Certificate child, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
                try {
                    child.verify(candidate.getPublicKey());
                    return candidate;
                } catch (GeneralSecurityException e) {
                    // same name, other key: keep looking
                }
            }
        }
        return null;
    }

    private static void validatePath(X509Certificate certificate, List<X509Certificate> issuers) {
        X509Certificate root = issuers.get(issuers.size() - 1);
        List<X509Certificate> path = new ArrayList<>();
        path.add(certificate);
        path.addAll(issuers.subList(0, issuers.size() - 1));
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw bad("the certificate does not chain to the uploaded root: " + e.getMessage());
        }
    }

    private static List<String> extendedKeyUsages(X509Certificate certificate, List<String> requested,
            List<X509Certificate> issuers) {
        List<String> own = ekus(certificate);
        if (own != null) {
            if (own.contains(ExtendedKeyUsageNames.ANY_PURPOSE_OID)) {
                throw bad("the certificate has the ANY_PURPOSE extended key usage, which is not allowed");
            }
            List<String> missing = new ArrayList<>(requested);
            missing.removeAll(own);
            if (!missing.isEmpty()) {
                throw bad("the certificate lacks the extended key usages asked for at creation: " + missing);
            }
        }
        List<String> effective = own != null ? own : requested;
        for (X509Certificate issuer : issuers) {
            List<String> allowed = ekus(issuer);
            if (allowed != null && !allowed.contains(ExtendedKeyUsageNames.ANY_PURPOSE_OID)
                    && !allowed.containsAll(effective)) {
                throw bad("the extended key usages " + effective + " are not all allowed by the issuer "
                        + issuer.getSubjectX500Principal().getName() + " " + allowed);
            }
        }
        return effective;
    }

    private static List<String> ekus(X509Certificate certificate) {
        try {
            return certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw bad("the extended key usage extension of " + certificate.getSubjectX500Principal().getName()
                    + " cannot be read");
        }
    }

    private static ProblemException bad(String detail) {
        return ProblemException.badRequest(detail);
    }
}
