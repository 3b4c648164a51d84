package io.stratus.console.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A CA as ca-service's API shows it (docs/architecture.md, "Authority"). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Authority(String id, String tenant, String displayName, String kind, String parentId, String status,
        boolean external, String subjectDn, String serialNumber, String keyAlgorithm, Instant notBefore,
        Instant notAfter, List<String> extendedKeyUsages, String crlUrl, String caIssuersUrl, String ocspUrl,
        String scepUrl, Instant revokedAt, String revocationReason, int generation, String certificatePem) {

    public boolean root() {
        return "ROOT".equals(kind);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean paused() {
        return "PAUSED".equals(status);
    }

    public boolean revoked() {
        return "REVOKED".equals(status);
    }

    /** Whether the API may delete it: a revoked issuing CA, or a root that is not active (once its issuing CAs are gone). */
    public boolean deletable() {
        return root() ? !active() : revoked();
    }
}
