package io.stratus.simulator.rest;

import io.stratus.crypto.Serials;
import io.stratus.simulator.entity.SimulatedDevice;

/** One device as the fleet API shows it; {@code serialNumber} is the issued certificate's serial (hex). */
public record DeviceView(String deviceId, String name, String platform, String tenant, String state, String error,
        String serialNumber, Long enrollMillis) {

    static DeviceView of(SimulatedDevice device) {
        var certificate = device.certificate();
        return new DeviceView(device.id(), device.name(), device.platform().name(), device.tenant(),
                device.state().name(), device.error(),
                certificate == null ? null : Serials.hex(certificate.getSerialNumber()), device.enrollMillis());
    }
}
