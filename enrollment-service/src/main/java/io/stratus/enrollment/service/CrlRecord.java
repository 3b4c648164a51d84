package io.stratus.enrollment.service;

import java.time.Instant;

/** A CA's current CRL as fetched from the URL its CrlPublished event named. */
public record CrlRecord(String authorityId, long crlNumber, String url, byte[] der, Instant thisUpdate,
        Instant nextUpdate) {
}
