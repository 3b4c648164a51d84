package io.stratus.enrollment.service;

import java.time.Instant;

/** A CA's static challenge as stored: a random salt and SHA-256(salt || challenge), never the challenge. */
public record StoredStaticChallenge(String authorityId, String tenant, byte[] salt, byte[] hash, Instant updatedAt) {
}
