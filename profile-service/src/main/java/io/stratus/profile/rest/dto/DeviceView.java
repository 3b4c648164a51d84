package io.stratus.profile.rest.dto;

import java.time.Instant;

/** A registered device. */
public record DeviceView(String id, String tenant, String name, String platform, String serialNumber,
        String identityPublicKey, String identityKeyAlgorithm, String imei, String wifiMacAddress,
        String primaryUserId, Instant createdAt) {
}
