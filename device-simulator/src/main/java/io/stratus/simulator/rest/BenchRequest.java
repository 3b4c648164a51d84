package io.stratus.simulator.rest;

/** Body of {@code POST /api/v1/fleet/bench}. */
public record BenchRequest(String tenant, String groupId, Integer devices, Integer concurrency) {
}
