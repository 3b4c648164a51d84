package io.stratus.console.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A profile assigned to groups (minus excluded ones); the counts only when it was just created. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Assignment(String id, String profileId, List<String> includeGroupIds, List<String> excludeGroupIds,
        Integer devices, Integer assigned, Integer notApplicable, String rollout) {
}
