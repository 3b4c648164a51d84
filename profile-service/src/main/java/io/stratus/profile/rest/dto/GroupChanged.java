package io.stratus.profile.rest.dto;

/** Answer of {@code PUT /groups/{id}}: the group and how many devices were assigned or unassigned. */
public record GroupChanged(GroupView group, int added, int removed, int assigned, int unassigned) {
}
