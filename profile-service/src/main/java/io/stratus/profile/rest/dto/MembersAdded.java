package io.stratus.profile.rest.dto;

/**
 * Answer to adding members.
 *
 * @param added    devices that were not members before
 * @param assigned ProfileAssigned events emitted for them (one per new member and assignment in scope)
 */
public record MembersAdded(int added, int assigned) {
}
