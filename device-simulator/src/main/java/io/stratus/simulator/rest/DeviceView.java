package io.stratus.simulator.rest;

import java.util.List;

import io.stratus.crypto.Serials;
import io.stratus.simulator.entity.SimulatedDevice;

/**
 * One device as the fleet API shows it; {@code serialNumber} is the serial (hex) of its most recent
 * certificate in use, {@code primaryUser} the UPN of its primary user; {@code assignments} each profile's state.
 */
public record DeviceView(String deviceId, String name, String platform, String tenant, String primaryUser,
        String state, String error, String serialNumber, Long enrollMillis, List<AssignmentView> assignments) {

    static DeviceView of(SimulatedDevice device) {
        var certificate = device.certificate();
        return new DeviceView(device.id(), device.name(), device.platform().name(), device.tenant(),
                device.primaryUser(), device.state().name(), device.error(),
                certificate == null ? null : Serials.hex(certificate.getSerialNumber()), device.enrollMillis(),
                device.assignments().stream().map(AssignmentView::of).toList());
    }
}
