package io.stratus.simulator.service;

import java.util.List;

import io.stratus.simulator.entity.SimulatedDevice;

/** Where fleet devices are kept across restarts; the narrow port the services need. */
public interface DeviceStore {

    /** Writes the device's current state (atomically: a reader sees the old or the new state). Bench devices are not kept. */
    void save(SimulatedDevice device);

    /** Every device kept, as it was last saved. */
    List<SimulatedDevice> loadAll();
}
