package io.stratus.ca.rest;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.crypto.DegenerateSignedData;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import jakarta.ws.rs.core.Response;

/** A CA certificate download: DER (.cer), PEM (.pem) or the chain as certs-only PKCS#7 (.p7b), named after the CA. */
final class CertificateDownload {

    enum Format {
        DER, PEM, P7B;

        static Format parse(String value) {
            String name = value == null || value.isBlank() ? "pem" : value.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "pem":
                    return PEM;
                case "der":
                case "cer":
                    return DER;
                case "p7b":
                case "p7c":
                    return P7B;
                default:
                    throw ProblemException.badRequest("format must be der, pem or p7b");
            }
        }
    }

    private CertificateDownload() {
    }

    /** {@code chain}: the CA first, then its issuers up to the root. */
    static Response of(List<AuthorityEntity> chain, Format format) {
        AuthorityEntity ca = chain.get(0);
        String name = fileName(ca);
        switch (format) {
            case DER:
                return attachment(Pem.der(Pem.certificate(ca.certificatePem)), PkiMediaTypes.PKIX_CERT, name + ".cer");
            case P7B:
                List<X509Certificate> certificates = chain.stream().map(c -> Pem.certificate(c.certificatePem))
                        .toList();
                return attachment(DegenerateSignedData.certificates(certificates), PkiMediaTypes.PKCS7_CERTIFICATES,
                        name + ".p7b");
            default:
                return attachment(ca.certificatePem, PkiMediaTypes.PEM, name + ".pem");
        }
    }

    /** The display name reduced to characters every file system and header accepts; the id when nothing is left. */
    static String fileName(AuthorityEntity ca) {
        String safe = ca.displayName == null ? "" : ca.displayName.replaceAll("[^A-Za-z0-9._ -]", "_").trim();
        safe = safe.replaceAll("^[.]+", "");
        return safe.isEmpty() ? ca.id : safe;
    }

    private static Response attachment(Object body, String mediaType, String fileName) {
        return Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
