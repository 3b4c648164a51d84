package io.stratus.simulator.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.mapping.DeviceRecord;
import io.stratus.simulator.mapping.DeviceRecords;
import io.stratus.simulator.service.DeviceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fleet devices as one small JSON file each under {@code <state-dir>/devices/<id>.json} (0600), replaced
 * atomically on every change. Bench devices are not kept: a bench is a measurement, not a fleet.
 */
@ApplicationScoped
public class FileDeviceStore implements DeviceStore {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String SUFFIX = ".json";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final StateDirectory state;

    @Inject
    public FileDeviceStore(StateDirectory state) {
        this.state = state;
    }

    @Override
    public void save(SimulatedDevice device) {
        if (device.deferred()) {
            return;
        }
        if (!SAFE_ID.matcher(device.id()).matches() || device.id().startsWith(".")) {
            throw new IllegalArgumentException("device id " + device.id() + " cannot name a file");
        }
        Path dir = state.directory("devices");
        // one writer per device at a time, so an older snapshot never overwrites a newer one
        synchronized (device.persistLock()) {
            try {
                StateDirectory.writeAtomically(dir.resolve(device.id() + SUFFIX),
                        json.writeValueAsString(DeviceRecords.toRecord(device)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save device " + device.id(), e);
            }
        }
    }

    @Override
    public List<SimulatedDevice> loadAll() {
        Path dir = state.directory("devices");
        List<SimulatedDevice> devices = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(StateDirectory.TEMP_SUFFIX)) {
                    Files.deleteIfExists(file); // left by a process killed mid-write; the real file is intact
                } else if (name.endsWith(SUFFIX)) {
                    load(file).ifPresent(devices::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state directory " + dir, e);
        }
        return devices;
    }

    private java.util.Optional<SimulatedDevice> load(Path file) {
        try {
            DeviceRecord record = json.readValue(file.toFile(), DeviceRecord.class);
            return java.util.Optional.of(DeviceRecords.fromRecord(record));
        } catch (IOException | RuntimeException e) {
            Log.warnf("state file %s is unreadable and was skipped: %s", file, e.getClass().getSimpleName());
            return java.util.Optional.empty();
        }
    }
}
