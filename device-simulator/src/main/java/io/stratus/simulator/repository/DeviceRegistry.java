package io.stratus.simulator.repository;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.service.DeviceStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The devices this simulator instance owns. A device not in here belongs to someone else. Starts with
 * the fleet kept in the state directory, before any event is consumed.
 */
@Startup
@ApplicationScoped
public class DeviceRegistry {

    private final Map<String, SimulatedDevice> devices = new ConcurrentHashMap<>();

    public DeviceRegistry(DeviceStore store) {
        List<SimulatedDevice> kept = store.loadAll();
        kept.forEach(device -> devices.put(device.id(), device));
        if (!kept.isEmpty()) {
            Log.infof("restored %d simulated devices from the state directory", kept.size());
        }
    }

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
