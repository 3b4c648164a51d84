package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * A group: {@code deviceIds} and {@code userIds} are its first members in id order (at most
 * {@link #MEMBERS_SHOWN} of each; computed for a dynamic group), the counts cover all of them, and
 * {@code GET .../groups/{id}/members} pages through the rest.
 */
public record GroupView(String id, String tenant, String name, String membershipType, String membershipRule,
        Instant createdAt, List<String> deviceIds, List<String> userIds, long deviceCount, long userCount) {

    public static final int MEMBERS_SHOWN = 100;
}
