package io.stratus.simulator.scep;

import java.security.cert.X509Certificate;
import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepException;

/**
 * What GetCACert told the device: the CA certificate(s) and the RA certificate requests are encrypted
 * to (the one without CA:true that has keyEncipherment; the CA itself when there is no RA) and whose
 * signature the CertRep must carry.
 */
record CaCertificates(List<X509Certificate> all, X509Certificate recipient, X509Certificate issuer) {

    private static final int KEY_ENCIPHERMENT = 2;

    /** Reads a GetCACert answer: a certs-only PKCS#7 (CA + RA) or a single DER certificate. */
    static CaCertificates parse(byte[] body) {
        List<X509Certificate> certificates = read(body);
        if (certificates.isEmpty()) {
            throw new ScepException("GetCACert returned no certificate");
        }
        X509Certificate ra = certificates.stream().filter(CaCertificates::isRa).findFirst().orElse(null);
        X509Certificate issuer = ra == null ? firstCa(certificates) : issuerOf(ra, certificates);
        if (issuer == null) {
            throw new ScepException("GetCACert returned no CA certificate");
        }
        return new CaCertificates(List.copyOf(certificates), ra != null ? ra : issuer, issuer);
    }

    /** Certificates whose signature a CertRep may carry. */
    List<X509Certificate> replySigners() {
        return List.of(recipient);
    }

    private static List<X509Certificate> read(byte[] body) {
        try {
            return ScepClientMessages.caCertificates(body);
        } catch (RuntimeException notPkcs7) {
            try {
                return Pem.certificatesFromBytes(body);
            } catch (IllegalArgumentException e) {
                throw new ScepException("GetCACert returned neither a PKCS#7 nor a certificate");
            }
        }
    }

    private static boolean isRa(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        return certificate.getBasicConstraints() < 0 && usage != null && usage.length > KEY_ENCIPHERMENT
                && usage[KEY_ENCIPHERMENT];
    }

    private static X509Certificate issuerOf(X509Certificate ra, List<X509Certificate> certificates) {
        return certificates.stream()
                .filter(c -> c.getBasicConstraints() >= 0)
                .filter(c -> c.getSubjectX500Principal().equals(ra.getIssuerX500Principal()))
                .findFirst().orElseGet(() -> firstCa(certificates));
    }

    private static X509Certificate firstCa(List<X509Certificate> certificates) {
        return certificates.stream().filter(c -> c.getBasicConstraints() >= 0).findFirst()
                .orElse(certificates.size() == 1 ? certificates.get(0) : null);
    }
}
