package io.stratus.console.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An issued certificate as ca-service's inventory shows it; {@code certificatePem} only when one is asked for. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Certificate(String authorityId, String serialNumber, String subjectDn, String purpose, String deviceId,
        String profileId, String status, Instant notBefore, Instant notAfter, Instant revokedAt,
        String revocationReason, String supersededBy, Instant supersededAt, String sha1, String sha256,
        String certificatePem) {

    public boolean revoked() {
        return "REVOKED".equals(status);
    }
}
