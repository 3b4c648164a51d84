package io.stratus.simulator.rest;

/**
 * Body of {@code POST /api/v1/fleet/bench}: {@code tenant} and {@code groupId} for the profile-driven bench, or {@code scepUrl} and
 * {@code challenge} for a static-challenge bench against any SCEP server.
 */
public record BenchRequest(String tenant, String groupId, Integer devices, Integer concurrency, String scepUrl,
        String challenge) {
}
