package io.stratus.profile.rest.dto;

/**
 * Answer to removing a member.
 *
 * @param assigned   ProfileAssigned events emitted (a device that leaves an exclude group)
 * @param unassigned ProfileUnassigned events emitted
 */
public record MemberRemoved(String memberId, int assigned, int unassigned) {
}
