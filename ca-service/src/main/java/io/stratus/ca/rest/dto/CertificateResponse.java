package io.stratus.ca.rest.dto;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An issued certificate as the inventory shows it; {@code supersededBy} (the serial of its renewal) and
 * {@code supersededAt} once a renewal replaced it; {@code sha1} and {@code sha256}, the thumbprints in hex (absent for
 * an older certificate until they are stored); {@code certificatePem} only when one certificate is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateResponse(String id, String tenant, String authorityId, String serialNumber,
        String subjectDn, String purpose, String deviceId, String assignmentId, String profileId, String status,
        Instant notBefore, Instant notAfter, Instant revokedAt, String revocationReason, Instant createdAt,
        String supersededBy, Instant supersededAt, String sha1, String sha256, String certificatePem) {
}
