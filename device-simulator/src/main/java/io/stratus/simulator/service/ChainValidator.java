package io.stratus.simulator.service;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks an issued certificate the way a device's TLS stack would: a PKIX path (RFC 5280) from the
 * certificate through the known intermediates to one of the device's installed roots. Revocation is
 * not checked here.
 */
@ApplicationScoped
public class ChainValidator {

    /**
     * Validates {@code leaf} and returns its path (the leaf first, then the intermediates up to, not
     * including, the root).
     *
     * @throws InvalidChainException when no valid path to an installed root exists
     */
    public List<X509Certificate> validate(X509Certificate leaf, Collection<X509Certificate> roots,
            Collection<X509Certificate> intermediates) {
        if (roots.isEmpty()) {
            throw new InvalidChainException("no trusted root is installed on the device");
        }
        List<X509Certificate> path = orderedPath(leaf, roots, intermediates);
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate root : roots) {
                anchors.add(new TrustAnchor(root, null));
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return path;
        } catch (GeneralSecurityException e) {
            throw new InvalidChainException("the certificate does not chain to an installed root: " + e.getMessage());
        }
    }

    /** Leaf, then each issuer found among the intermediates, until an installed root issued the last one. */
    private static List<X509Certificate> orderedPath(X509Certificate leaf, Collection<X509Certificate> roots,
            Collection<X509Certificate> intermediates) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = leaf;
        path.add(current);
        while (issuerAmong(current, roots) == null) {
            X509Certificate issuer = issuerAmong(current, intermediates);
            if (issuer == null || path.contains(issuer) || path.size() > 10) {
                throw new InvalidChainException("no issuer of " + current.getSubjectX500Principal().getName()
                        + " among the installed and advertised CA certificates");
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private static X509Certificate issuerAmong(X509Certificate certificate, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && candidate.getBasicConstraints() >= 0 && verifies(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The issued certificate cannot be trusted by the device. */
    public static final class InvalidChainException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidChainException(String message) {
            super(message);
        }
    }
}
