package io.stratus.simulator.rest;

import java.util.List;

/** Answer of {@code POST /api/v1/fleet/devices}. */
public record DeviceIdsResponse(List<String> deviceIds) {
}
