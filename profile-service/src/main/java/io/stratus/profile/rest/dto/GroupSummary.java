package io.stratus.profile.rest.dto;

import java.time.Instant;

/** A group in a list (without its members). {@code membershipType} is STATIC or DYNAMIC. */
public record GroupSummary(String id, String tenant, String name, String membershipType, String membershipRule,
        Instant createdAt, Instant updatedAt) {
}
