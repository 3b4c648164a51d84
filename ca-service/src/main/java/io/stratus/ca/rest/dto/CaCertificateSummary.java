package io.stratus.ca.rest.dto;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One certificate generation of a CA as the authority view shows it: the announced one ({@code nextCertificate},
 * with its PEM) or an earlier one ({@code previousCertificates}, without PEM: download it with ?generation=N).
 * {@code crlUrl} and {@code caIssuersUrl} are the CRL and the AIA URL of the key this certificate carries (they answer
 * once a certificate with that key is in use). {@code state}: ANNOUNCED (next, signed), SIGNING_REQUIRED (next of an
 * external CA, waiting for its external signature: no certificate, serial or validity yet) or PREVIOUS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaCertificateSummary(int generation, String state, String serialNumber, boolean newKey,
        Instant notBefore, Instant notAfter, String crlUrl, String caIssuersUrl, String certificatePem) {
}
