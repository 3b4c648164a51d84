package io.stratus.profile.rest.dto;

import java.util.List;

/**
 * Members of a group: its device and user members, and the devices in the group's scope (the device members and
 * the devices whose primary user is a user member), which is what an assignment targets.
 */
public record GroupMembers(String groupId, String membershipType, List<String> deviceIds, List<String> userIds,
        List<String> effectiveDeviceIds) {
}
