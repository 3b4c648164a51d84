package io.stratus.console.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A SCEP certificate profile as profile-service's API shows it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScepProfile(String id, String name, String platform, String certificateType, String authorityId,
        String scepUrl, String subjectNameFormat, int validityDays, String keyAlgorithm, int keySize,
        List<String> extendedKeyUsages, int renewalThresholdPercent) {
}
