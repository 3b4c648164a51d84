package io.stratus.events;

import java.time.Instant;

/** A certificate was revoked with an RFC 5280 reason code name (e.g. {@code keyCompromise}). */
public record CertificateRevokedEvent(String tenant, String authorityId, String serialNumber, String deviceId,
        String reason, Instant revokedAt) implements StratusEvent {
    @Override
    public String key() {
        return deviceId == null ? authorityId : deviceId;
    }
}
