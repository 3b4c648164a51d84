package io.stratus.simulator.rest;

/** Body of {@code POST /api/v1/fleet/devices}. */
public record CreateDevicesRequest(String tenant, String groupId, Integer count, String platform, String namePrefix) {
}
