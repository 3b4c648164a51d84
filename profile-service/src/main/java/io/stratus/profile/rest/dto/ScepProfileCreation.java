package io.stratus.profile.rest.dto;

import java.util.List;

/**
 * Body of {@code POST /profiles/scep} and {@code PUT /profiles/scep/{id}}. {@code keyStorageProvider} is for
 * Windows only (default TPM_OR_SOFTWARE); {@code hashAlgorithm} defaults to SHA256; {@code revokeOnUnassignment}
 * (default false) revokes a device's certificates of the profile when the profile stops applying to it;
 * {@code revokeOnRenewal} (default false) revokes a certificate once its renewal is issued (reason superseded).
 * {@code validityMinutes} (1 to 1439) replaces {@code validityDays} (which may then be left out) where the
 * deployment allows short validities ({@code stratus.profile.short-validity-allowed}: demos and tests, never
 * production), so that renewal can be watched in minutes.
 */
public record ScepProfileCreation(String name, String platform, String certificateType, String authorityId,
        String scepUrl, String subjectNameFormat, List<SanRequest> subjectAlternativeNames, Integer validityDays,
        String keyAlgorithm, Integer keySize, List<String> keyUsages, List<String> extendedKeyUsages,
        Integer renewalThresholdPercent, List<String> trustedProfileIds, String keyStorageProvider,
        String hashAlgorithm, Boolean revokeOnUnassignment, Boolean revokeOnRenewal,
        Integer validityMinutes) {
}
