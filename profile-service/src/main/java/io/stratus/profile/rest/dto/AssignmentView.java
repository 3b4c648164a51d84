package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * An assignment and, when just created, what it did.
 *
 * @param devices       devices in scope (include groups minus exclude groups)
 * @param assigned      ProfileAssigned events emitted
 * @param failed        devices whose profile could not be resolved (a variable without value)
 * @param notApplicable devices of another platform than the profile's
 * @param rollout       {@code COMPLETE} once every device in scope was reached; {@code IN_PROGRESS} while a large
 *                      group is still being deployed to in slices (the counts of a new assignment are then those of
 *                      its first slice; the profile's report shows the progress)
 */
public record AssignmentView(String id, String tenant, String profileId, List<String> includeGroupIds,
        List<String> excludeGroupIds, Instant createdAt, Integer devices, Integer assigned, Integer failed,
        Integer notApplicable, String rollout) {
}
