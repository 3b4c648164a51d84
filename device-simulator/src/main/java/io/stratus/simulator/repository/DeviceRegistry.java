package io.stratus.simulator.repository;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.stratus.simulator.entity.SimulatedDevice;
import jakarta.enterprise.context.ApplicationScoped;

/** The devices this simulator instance owns, in memory. A device not in here belongs to someone else. */
@ApplicationScoped
public class DeviceRegistry {

    private final Map<String, SimulatedDevice> devices = new ConcurrentHashMap<>();

    public void add(SimulatedDevice device) {
        if (devices.putIfAbsent(device.id(), device) != null) {
            throw new IllegalStateException("device " + device.id() + " exists already");
        }
    }

    public Optional<SimulatedDevice> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(devices.get(id));
    }

    /** The devices of a tenant (all devices when the tenant is null), oldest first. */
    public List<SimulatedDevice> list(String tenant) {
        return devices.values().stream()
                .filter(d -> tenant == null || d.tenant().equals(tenant))
                .sorted(Comparator.comparing(SimulatedDevice::createdAt).thenComparing(SimulatedDevice::name))
                .toList();
    }
}
