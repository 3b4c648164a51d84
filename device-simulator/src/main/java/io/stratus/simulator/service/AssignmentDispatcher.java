package io.stratus.simulator.service;

import java.util.Optional;

import io.quarkus.logging.Log;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.simulator.entity.PreparedEnrollment;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routes assignments to the devices this instance owns. Never blocks the caller: preparation and
 * enrollment run on the {@link EnrollmentExecutor}. Bench devices only prepare (key and CSR) and
 * report to their bench, which starts their enrollment later.
 */
@ApplicationScoped
public class AssignmentDispatcher {

    private final DeviceRegistry registry;
    private final EnrollmentExecutor executor;
    private final AssignmentPreparer preparer;
    private final DeviceEnroller enroller;
    private final BenchService benches;
    private final EnrollmentMetrics metrics;

    public AssignmentDispatcher(DeviceRegistry registry, EnrollmentExecutor executor, AssignmentPreparer preparer,
            DeviceEnroller enroller, BenchService benches, EnrollmentMetrics metrics) {
        this.registry = registry;
        this.executor = executor;
        this.preparer = preparer;
        this.enroller = enroller;
        this.benches = benches;
        this.metrics = metrics;
    }

    /**
     * Accepts a ProfileAssigned event; returns false when it is not for a device of this instance
     * (or was delivered before).
     */
    public boolean onProfileAssigned(String eventId, ProfileAssignedEvent assignment) {
        Optional<SimulatedDevice> owned = registry.find(assignment.deviceId());
        if (owned.isEmpty()) {
            Log.debugf("assignment %s: device %s is not simulated here; ignored", assignment.assignmentId(),
                    assignment.deviceId());
            return false;
        }
        SimulatedDevice device = owned.get();
        if (!device.tenant().equals(assignment.tenant())) {
            Log.warnf("assignment %s names tenant %s but device %s belongs to %s; ignored",
                    assignment.assignmentId(), assignment.tenant(), device.id(), device.tenant());
            return false;
        }
        if (!device.firstDelivery(eventId)) {
            Log.debugf("event %s for device %s seen before; ignored", eventId, device.id());
            return false;
        }
        if (!device.deferred()) {
            device.enrolling();
        }
        executor.submit(() -> handle(device, assignment));
        return true;
    }

    private void handle(SimulatedDevice device, ProfileAssignedEvent assignment) {
        PreparedEnrollment enrollment;
        try {
            enrollment = preparer.prepare(device, assignment);
        } catch (RuntimeException e) {
            device.failed("cannot act on assignment " + assignment.assignmentId() + ": " + e.getMessage());
            metrics.error();
            Log.infof("device %s: %s", device.id(), device.error());
            if (device.deferred()) {
                benches.assignmentHandled(device);
            }
            return;
        }
        if (device.deferred()) {
            device.prepared(enrollment);
            benches.assignmentHandled(device);
            return;
        }
        enroller.enroll(device, enrollment);
    }
}
