package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/** A device group; {@code deviceIds} lists its members. */
public record GroupView(String id, String tenant, String name, Instant createdAt, List<String> deviceIds) {
}
