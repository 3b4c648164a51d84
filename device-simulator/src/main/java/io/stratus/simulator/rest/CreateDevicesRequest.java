package io.stratus.simulator.rest;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/fleet/devices}: either one {@code platform} for all, or a {@code platforms} mix
 * (counts when they add up to {@code count}, otherwise percentages/weights); {@code withUsers} registers a
 * primary user per device ({@code <name>@<userDomain>}, userDomain defaulting to {@code <tenant>.test}).
 */
public record CreateDevicesRequest(String tenant, String groupId, Integer count, String platform,
        Map<String, Integer> platforms, String namePrefix, Boolean withUsers, String userDomain) {
}
