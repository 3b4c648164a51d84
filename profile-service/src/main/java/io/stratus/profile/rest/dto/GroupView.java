package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/** A group; {@code deviceIds} and {@code userIds} list its members. */
public record GroupView(String id, String tenant, String name, Instant createdAt, List<String> deviceIds,
        List<String> userIds) {
}
