package io.stratus.simulator.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.simulator.entity.DeviceState;
import io.stratus.simulator.entity.InstalledCertificate;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.fixtures.DeviceEvents;
import io.stratus.simulator.fixtures.TestPki;

/** The state directory with real files: one owner-only file per device, atomic replacement, tolerant loading. */
class FileDeviceStoreTest {

    private static final TestPki PKI = new TestPki();

    @TempDir
    Path dir;

    @Test
    void devicesSurviveAStoreRestartWithTheirCertificatesAndKeys() throws Exception {
        FileDeviceStore store = new FileDeviceStore(new StateDirectory(dir));
        SimulatedDevice enrolled = DeviceEvents.device("contoso", "laptop-1");
        enrolled.receive(DeviceEvents.assigned(enrolled, "a-1", "http://127.0.0.1:9/scep/x", PKI, false));
        enrolled.installed("a-1", List.of(new InstalledCertificate("COMPUTER_ROOT", PKI.root())));
        KeyPair keys = DeviceEvents.keysFor();
        enrolled.enrolled("a-1", DeviceEvents.issue(PKI, enrolled, keys), keys.getPrivate(), 40, false);
        SimulatedDevice waiting = DeviceEvents.device("contoso", "laptop-2");
        store.save(enrolled);
        store.save(waiting);
        store.save(enrolled); // replaced, not duplicated

        Path file = dir.resolve("devices").resolve(enrolled.id() + ".json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("devices"))));
        try (Stream<Path> files = Files.list(dir.resolve("devices"))) {
            assertEquals(2, files.count(), "two files, no temporary ones");
        }

        List<SimulatedDevice> loaded = new FileDeviceStore(new StateDirectory(dir)).loadAll();
        assertEquals(2, loaded.size());
        SimulatedDevice back = loaded.stream().filter(d -> d.id().equals(enrolled.id())).findFirst().orElseThrow();
        assertEquals(DeviceState.ENROLLED, back.state());
        assertEquals(enrolled.certificate(), back.certificate());
        assertEquals(keys.getPrivate(), back.assignment("a-1").orElseThrow().privateKey());
        assertEquals(DeviceState.WAITING,
                loaded.stream().filter(d -> d.id().equals(waiting.id())).findFirst().orElseThrow().state());
    }

    @Test
    void aWriteKilledHalfwayLeavesTheOldFileAndIsCleanedUp() throws Exception {
        FileDeviceStore store = new FileDeviceStore(new StateDirectory(dir));
        SimulatedDevice device = DeviceEvents.device("contoso", "laptop-3");
        store.save(device);
        Path devices = dir.resolve("devices");
        // what a kill between write and rename leaves: a half-written temporary file next to the intact one
        Path torn = devices.resolve(device.id() + ".json.123" + StateDirectory.TEMP_SUFFIX);
        Files.writeString(torn, "{\"version\":1,\"id\":\"" + device.id());
        Files.writeString(devices.resolve("garbage.json"), "not json");

        List<SimulatedDevice> loaded = store.loadAll();
        assertEquals(1, loaded.size(), "the intact file loads; garbage is skipped");
        assertEquals(device.id(), loaded.get(0).id());
        assertFalse(Files.exists(torn), "the leftover is removed");
        assertTrue(Files.exists(devices.resolve("garbage.json")), "an unreadable file is left for a human");
    }

    @Test
    void benchDevicesAreNotKept() throws Exception {
        FileDeviceStore store = new FileDeviceStore(new StateDirectory(dir));
        SimulatedDevice benchDevice = new SimulatedDevice("bench-device", "t", "bench-1",
                io.stratus.simulator.entity.Platform.WINDOWS, "SIM1", DeviceEvents.keysFor(), "bench-id");
        store.save(benchDevice);
        assertEquals(0, store.loadAll().size());
    }
}
