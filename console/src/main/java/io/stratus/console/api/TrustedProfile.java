package io.stratus.console.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A trusted-certificate profile as profile-service's API shows it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrustedProfile(String id, String name, String platform, String store) {
}
