package io.stratus.simulator.rest;

import java.util.Comparator;
import java.util.List;

import io.stratus.crypto.Serials;
import io.stratus.simulator.entity.BenchRun;

/** {@code GET /api/v1/fleet/bench/{id}/certificates}: the serial number (hex, as OpenSSL prints it) of the certificate each device holds. */
public record BenchCertificates(String id, List<Received> items) {

    public record Received(String deviceId, String serial) {
    }

    static BenchCertificates of(BenchRun run) {
        List<Received> items = run.received().entrySet().stream()
                .map(e -> new Received(e.getKey(), Serials.hex(e.getValue())))
                .sorted(Comparator.comparing(Received::deviceId)).toList();
        return new BenchCertificates(run.id(), items);
    }
}
