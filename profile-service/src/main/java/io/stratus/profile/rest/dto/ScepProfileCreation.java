package io.stratus.profile.rest.dto;

import java.util.List;

/** Body of {@code POST /profiles/scep}. */
public record ScepProfileCreation(String name, String platform, String certificateType, String authorityId,
        String scepUrl, String subjectNameFormat, List<SanRequest> subjectAlternativeNames, Integer validityDays,
        String keyAlgorithm, Integer keySize, List<String> keyUsages, List<String> extendedKeyUsages,
        Integer renewalThresholdPercent, List<String> trustedProfileIds) {
}
