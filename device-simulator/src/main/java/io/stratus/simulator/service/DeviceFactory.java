package io.stratus.simulator.service;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.simulator.entity.Platform;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes new simulated devices (id, name, serial number, EC P-256 identity key) and adds them to the registry. */
@ApplicationScoped
public class DeviceFactory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceRegistry registry;

    public DeviceFactory(DeviceRegistry registry) {
        this.registry = registry;
    }

    /** {@code count} devices named {@code <namePrefix>-1 ... <namePrefix>-count}; {@code benchId} null for fleet devices. */
    public List<SimulatedDevice> create(String tenant, Platform platform, String namePrefix, int count, String benchId) {
        return create(tenant, java.util.Collections.nCopies(count, platform), namePrefix, benchId, null);
    }

    /**
     * One device per platform given, named {@code <namePrefix>-1 ...}; with a user domain each gets a primary
     * user {@code <name>@<userDomain>}.
     */
    public List<SimulatedDevice> create(String tenant, List<Platform> platforms, String namePrefix, String benchId,
            String userDomain) {
        List<SimulatedDevice> devices = new ArrayList<>(platforms.size());
        for (int n = 1; n <= platforms.size(); n++) {
            String name = namePrefix + "-" + n;
            String primaryUser = userDomain == null ? null : name + "@" + userDomain;
            SimulatedDevice device = new SimulatedDevice(UUID.randomUUID().toString(), tenant, name,
                    platforms.get(n - 1), serialNumber(), KeyAlgorithm.EC_P256.generate(), benchId, primaryUser,
                    java.time.Instant.now());
            devices.add(device);
        }
        devices.forEach(registry::add);
        return devices;
    }

    private static String serialNumber() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "SIM" + HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
