package io.stratus.profile.rest.dto;

import java.util.List;

/** Body of {@code POST /groups/{groupId}/members}. */
public record MembersAddition(List<String> deviceIds) {
}
