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
    private final DeviceStore store;
    private final ProgressReporter progress;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "simulator-fleet");
        thread.setDaemon(true);
        return thread;
    });

    public FleetService(DeviceFactory factory, DeviceRegistrar registrar, DeviceRegistry registry,
            SimulatorConfig config, DeviceStore store, ProgressReporter progress) {
        this.factory = factory;
        this.store = store;
        this.progress = progress;
        this.registrar = registrar;
        this.registry = registry;
        this.config = config;
    }

    /**
     * What a fleet request asks for: one platform per device, and a user domain when each device gets a
     * primary user (null: no users).
     */
    public record FleetRequest(String tenant, String groupId, List<Platform> platforms, String namePrefix,
            String userDomain) {
    }

    /**
     * Device counts of a tenant (all tenants when none is given): pending are those still waiting or
     * enrolling; {@code enrollmentsPerSecond} is the instance's issuance rate over the last progress interval.
     */
    public record FleetStatus(int devices, int enrolled, int failed, int pending, int waiting, int enrolling,
            int revoked, double enrollmentsPerSecond) {
    }

    /** Creates the devices now and registers them at the directory in the background; returns them. */
    public List<SimulatedDevice> create(FleetRequest request) {
        Requests.requireDeviceCount(request.platforms().size(), config.maxDevicesPerRequest());
        List<SimulatedDevice> devices = factory.create(request.tenant(), request.platforms(), request.namePrefix(),
                null, request.userDomain());
        background.execute(() -> {
            devices.forEach(this::save);
            List<SimulatedDevice> members = registrar.registerAll(request.tenant(), request.groupId(), devices);
            devices.stream().filter(d -> d.registrationError() != null).forEach(this::save);
            Log.infof("fleet of %d devices for tenant %s: %d registered and in group %s", devices.size(),
                    request.tenant(), members.size(), request.groupId());
        });
        return devices;
    }

    public List<SimulatedDevice> devices(String tenant) {
        return registry.list(tenant);
    }

    public FleetStatus status(String tenant) {
        int[] counts = new int[DeviceState.values().length];
        List<SimulatedDevice> devices = registry.list(tenant);
        for (SimulatedDevice device : devices) {
            counts[device.state().ordinal()]++;
        }
        int waiting = counts[DeviceState.WAITING.ordinal()];
        int enrolling = counts[DeviceState.ENROLLING.ordinal()];
        return new FleetStatus(devices.size(), counts[DeviceState.ENROLLED.ordinal()],
                counts[DeviceState.FAILED.ordinal()], waiting + enrolling, waiting, enrolling,
                counts[DeviceState.REVOKED.ordinal()], progress.enrollmentsPerSecond());
    }

    private void save(SimulatedDevice device) {
        try {
            store.save(device);
        } catch (RuntimeException e) {
            Log.warnf("device %s: state not saved: %s", device.id(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
