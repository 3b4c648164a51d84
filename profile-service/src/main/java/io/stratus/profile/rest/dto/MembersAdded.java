package io.stratus.profile.rest.dto;

/**
 * Answer to adding members.
 *
 * @param added      devices and users that were not members before
 * @param assigned   ProfileAssigned events emitted (one per device newly in scope of an assignment)
 * @param unassigned ProfileUnassigned events emitted (devices that left an assignment's scope, e.g. through
 *                   an exclude group)
 */
public record MembersAdded(int added, int assigned, int unassigned) {
}
