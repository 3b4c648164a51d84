package io.stratus.events;

import java.time.Instant;

/** A certificate passed its profile's renewal threshold; the device should renew it. */
public record CertificateRenewalDueEvent(String tenant, String authorityId, String serialNumber, String deviceId,
        String profileId, Instant notAfter) implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
