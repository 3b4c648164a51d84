package io.stratus.simulator.service;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.quarkus.logging.Log;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.DeviceState;
import io.stratus.simulator.entity.Platform;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates fleets of devices (registered and grouped in the background) and reports on them. */
@ApplicationScoped
public class FleetService {

    private final DeviceFactory factory;
    private final DeviceRegistrar registrar;
    private final DeviceRegistry registry;
    private final SimulatorConfig config;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "simulator-fleet");
        thread.setDaemon(true);
        return thread;
    });

    public FleetService(DeviceFactory factory, DeviceRegistrar registrar, DeviceRegistry registry,
            SimulatorConfig config) {
        this.factory = factory;
        this.registrar = registrar;
        this.registry = registry;
        this.config = config;
    }

    /** What a fleet request asks for. */
    public record FleetRequest(String tenant, String groupId, int count, Platform platform, String namePrefix) {
    }

    /** Device counts of a tenant: pending are those still waiting or enrolling. */
    public record FleetStatus(int devices, int enrolled, int failed, int pending) {
    }

    /** Creates the devices now and registers them at the directory in the background; returns them. */
    public List<SimulatedDevice> create(FleetRequest request) {
        Requests.requireDeviceCount(request.count(), config.maxDevicesPerRequest());
        List<SimulatedDevice> devices = factory.create(request.tenant(), request.platform(), request.namePrefix(),
                request.count(), null);
        background.execute(() -> {
            List<SimulatedDevice> members = registrar.registerAll(request.tenant(), request.groupId(), devices);
            Log.infof("fleet of %d devices for tenant %s: %d registered and in group %s", devices.size(),
                    request.tenant(), members.size(), request.groupId());
        });
        return devices;
    }

    public List<SimulatedDevice> devices(String tenant) {
        return registry.list(tenant);
    }

    public FleetStatus status(String tenant) {
        int enrolled = 0;
        int failed = 0;
        int pending = 0;
        List<SimulatedDevice> devices = registry.list(tenant);
        for (SimulatedDevice device : devices) {
            DeviceState state = device.state();
            if (state == DeviceState.ENROLLED) {
                enrolled++;
            } else if (state == DeviceState.FAILED) {
                failed++;
            } else {
                pending++;
            }
        }
        return new FleetStatus(devices.size(), enrolled, failed, pending);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
