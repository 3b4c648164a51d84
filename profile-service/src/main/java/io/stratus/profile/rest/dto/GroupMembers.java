package io.stratus.profile.rest.dto;

import java.util.List;

/**
 * One page of a group's members: its device and user members, and the devices in the group's scope (the device
 * members and the devices whose primary user is a user member), which is what an assignment targets. Each list holds
 * up to {@code limit} ids, in id order, after the position the request's cursor names; the counts cover the whole
 * group. {@code next} is the cursor of the following page (its {@code after}), null when every list is complete.
 */
public record GroupMembers(String groupId, String membershipType, List<String> deviceIds, List<String> userIds,
        List<String> effectiveDeviceIds, long deviceCount, long userCount, long effectiveDeviceCount, String next) {
}
