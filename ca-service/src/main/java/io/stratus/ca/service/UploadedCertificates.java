package io.stratus.ca.service;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;

/** Reads the certificate and chain of an upload (first signature or renewal of an external CA); 400 when unreadable. */
final class UploadedCertificates {

    private UploadedCertificates() {
    }

    /** PEM text, or base64 of DER or PKCS#7. */
    static List<X509Certificate> parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(field + " is required (PEM, or base64 of DER or PKCS#7)");
        }
        byte[] bytes;
        if (text.contains("-----BEGIN")) {
            bytes = text.getBytes(StandardCharsets.US_ASCII);
        } else {
            try {
                bytes = Base64.getMimeDecoder().decode(text.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field + " is neither PEM nor base64");
            }
        }
        try {
            List<X509Certificate> certificates = Pem.certificatesFromBytes(bytes);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return certificates;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field + " holds no X.509 certificate (PEM, DER or PKCS#7 expected)");
        }
    }

    /** The one certificate of the {@code certificate} field. */
    static X509Certificate single(String text) {
        List<X509Certificate> certificates = parse(text, "certificate");
        if (certificates.size() != 1) {
            throw ProblemException.badRequest("certificate must hold exactly one certificate (the chain goes in"
                    + " chain)");
        }
        return certificates.get(0);
    }
}
