package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/** A group; {@code deviceIds} and {@code userIds} list its members (computed for a dynamic group). */
public record GroupView(String id, String tenant, String name, String membershipType, String membershipRule,
        Instant createdAt, List<String> deviceIds, List<String> userIds) {
}
