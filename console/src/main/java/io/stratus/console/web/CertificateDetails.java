package io.stratus.console.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.stratus.console.api.ApiProblem;

/**
 * A certificate's fields as a relying party reads them, decoded by the JDK from its PEM: what the detail page shows
 * beside the inventory's own columns.
 */
public record CertificateDetails(int version, String issuer, String subject, String publicKey, String signatureAlgorithm,
        List<String> subjectAlternativeNames, List<String> keyUsages, List<String> extendedKeyUsages,
        String basicConstraints) {

    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final String[] NAME_TYPES = {"other", "email", "DNS", "x400", "directory", "ediParty", "URI", "IP",
        "registeredID"};

    static CertificateDetails of(String pem) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new ApiProblem(502, "Bad Gateway", "ca-service served a certificate that cannot be read");
        }
        return new CertificateDetails(cert.getVersion(), cert.getIssuerX500Principal().getName(),
                cert.getSubjectX500Principal().getName(), publicKey(cert), cert.getSigAlgName(), names(cert),
                keyUsages(cert), extendedKeyUsages(cert), cert.getBasicConstraints() < 0 ? "end entity"
                        : "CA, path length " + (cert.getBasicConstraints() == Integer.MAX_VALUE ? "unlimited"
                                : cert.getBasicConstraints()));
    }

    private static String publicKey(X509Certificate cert) {
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (cert.getPublicKey() instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        return cert.getPublicKey().getAlgorithm();
    }

    private static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = cert.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> name : all) {
                    int type = (Integer) name.get(0);
                    names.add((type < NAME_TYPES.length ? NAME_TYPES[type] : "type " + type) + ": " + name.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names;
    }

    private static List<String> keyUsages(X509Certificate cert) {
        List<String> usages = new ArrayList<>();
        boolean[] bits = cert.getKeyUsage();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
                if (bits[i]) {
                    usages.add(KEY_USAGES[i]);
                }
            }
        }
        return usages;
    }

    private static List<String> extendedKeyUsages(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            return oids == null ? List.of() : oids.stream().map(UsageOption::described).toList();
        } catch (CertificateParsingException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }
}
