package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/** A SCEP certificate profile. */
public record ScepProfileView(String id, String tenant, String name, String platform, String certificateType,
        String authorityId, String scepUrl, String subjectNameFormat, List<SanRequest> subjectAlternativeNames,
        int validityDays, String keyAlgorithm, int keySize, List<String> keyUsages, List<String> extendedKeyUsages,
        int renewalThresholdPercent, List<String> trustedProfileIds, String keyStorageProvider,
        String hashAlgorithm, boolean revokeOnUnassignment, boolean revokeOnRenewal, Integer validityMinutes,
        Instant createdAt) {
}
