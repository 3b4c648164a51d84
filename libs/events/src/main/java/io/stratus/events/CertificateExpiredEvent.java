package io.stratus.events;

import java.time.Instant;

/** A device certificate that was not revoked reached its notAfter; the device can no longer use it. */
public record CertificateExpiredEvent(String tenant, String authorityId, String serialNumber, String deviceId,
        String profileId, Instant notAfter) implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
