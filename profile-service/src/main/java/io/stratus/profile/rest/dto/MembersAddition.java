package io.stratus.profile.rest.dto;

import java.util.List;

/** Body of {@code POST /groups/{groupId}/members}: devices and/or users (at least one id in all). */
public record MembersAddition(List<String> deviceIds, List<String> userIds) {
}
