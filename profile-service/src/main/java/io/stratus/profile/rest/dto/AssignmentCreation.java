package io.stratus.profile.rest.dto;

import java.util.List;

/** Body of {@code POST /assignments}. */
public record AssignmentCreation(String profileId, List<String> includeGroupIds, List<String> excludeGroupIds) {
}
