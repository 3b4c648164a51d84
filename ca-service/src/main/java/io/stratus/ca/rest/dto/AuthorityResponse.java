package io.stratus.ca.rest.dto;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CA as the API shows it: its certificate and URLs, never its key. {@code scepUrl} only for issuing CAs;
 * {@code ocspUrl} is its OCSP responder. {@code generation} counts the CA's certificates (1 at
 * creation, +1 per renewal); {@code nextCertificate} is an announced renewal not yet in use (null when none);
 * {@code previousCertificates} lists superseded generations, newest first.
 */
public record AuthorityResponse(String id, String tenant, String displayName, String kind, String parentId,
        String status, boolean external, String subjectDn, String serialNumber, String keyAlgorithm, Instant notBefore,
        Instant notAfter, List<String> extendedKeyUsages, String certificatePem, String crlUrl, String caIssuersUrl,
        String ocspUrl, @JsonInclude(JsonInclude.Include.NON_NULL) String scepUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String revocationReason, int generation,
        CaCertificateSummary nextCertificate, List<CaCertificateSummary> previousCertificates) {
}
