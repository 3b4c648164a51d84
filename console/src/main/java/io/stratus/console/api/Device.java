package io.stratus.console.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A registered device as profile-service shows it (never its identity key's use, only its type). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Device(String id, String name, String platform, String serialNumber, String imei, String wifiMacAddress,
        String primaryUserId, String identityKeyAlgorithm, Instant createdAt) {
}
