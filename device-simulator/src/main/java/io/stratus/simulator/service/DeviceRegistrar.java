package io.stratus.simulator.service;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.logging.Log;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.service.DeviceDirectory.DeviceRegistration;
import io.stratus.simulator.service.DeviceDirectory.DirectoryException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registers devices at the directory (a few at a time) and then adds the registered ones to their
 * group. A device the directory refuses is marked FAILED with the reason.
 */
@ApplicationScoped
public class DeviceRegistrar {

    static final int MEMBERS_PER_CALL = 500;

    private final DeviceDirectory directory;
    private final ExecutorService workers;

    public DeviceRegistrar(DeviceDirectory directory, SimulatorConfig config) {
        this.directory = directory;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.registrationConcurrency()), r -> {
            Thread thread = new Thread(r, "simulator-register-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers and groups the devices (blocking); returns the devices that are now group members. */
    public List<SimulatedDevice> registerAll(String tenant, String groupId, List<SimulatedDevice> devices) {
        List<CompletableFuture<SimulatedDevice>> registrations = new ArrayList<>();
        for (SimulatedDevice device : devices) {
            registrations.add(CompletableFuture.supplyAsync(() -> register(tenant, device), workers));
        }
        List<SimulatedDevice> registered = new ArrayList<>();
        for (CompletableFuture<SimulatedDevice> registration : registrations) {
            SimulatedDevice device = registration.join();
            if (device != null) {
                registered.add(device);
            }
        }
        List<SimulatedDevice> members = new ArrayList<>();
        for (int from = 0; from < registered.size(); from += MEMBERS_PER_CALL) {
            List<SimulatedDevice> batch = registered.subList(from, Math.min(registered.size(), from + MEMBERS_PER_CALL));
            try {
                directory.addMembers(tenant, groupId, batch.stream().map(SimulatedDevice::id).toList());
                members.addAll(batch);
            } catch (DirectoryException e) {
                Log.warnf("cannot add %d devices to group %s: %s", batch.size(), groupId, e.getMessage());
                batch.forEach(device -> device.registrationFailed(e.getMessage()));
            }
        }
        return members;
    }

    private SimulatedDevice register(String tenant, SimulatedDevice device) {
        try {
            String userId = null;
            if (device.primaryUser() != null) {
                userId = device.name();
                directory.registerUser(tenant, PrimaryUsers.registration(userId, device.primaryUser()));
            }
            directory.register(tenant, new DeviceRegistration(device.id(), device.name(), device.platform().name(),
                    device.serialNumber(), Base64.getEncoder().encodeToString(device.identity().getPublic().getEncoded()),
                    userId));
            return device;
        } catch (DirectoryException e) {
            Log.warnf("device %s not registered: %s", device.id(), e.getMessage());
            device.registrationFailed(e.getMessage());
            return null;
        } catch (RuntimeException e) {
            Log.warnf(e, "device %s not registered", device.id());
            device.registrationFailed("registration failed: " + e);
            return null;
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
