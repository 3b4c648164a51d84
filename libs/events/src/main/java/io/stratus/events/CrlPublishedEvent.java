package io.stratus.events;

import java.time.Instant;

/** A CA published a new CRL at {@code crlUrl}. */
public record CrlPublishedEvent(String tenant, String authorityId, long crlNumber, String crlUrl, Instant thisUpdate,
        Instant nextUpdate) implements StratusEvent {
    @Override
    public String key() {
        return authorityId;
    }
}
