package io.stratus.simulator.service;

import java.util.Optional;

import io.quarkus.logging.Log;
import io.stratus.crypto.Serials;
import io.stratus.events.CertificateRenewalDueEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.simulator.entity.AssignmentState;
import io.stratus.simulator.entity.DeviceAssignment;
import io.stratus.simulator.entity.PreparedEnrollment;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routes assignment and certificate events to the devices this instance owns. Never blocks the caller:
 * preparation, enrollment, renewal and saving run on the {@link EnrollmentExecutor}. Bench devices only
 * prepare (key and CSR) and report to their bench, which starts their enrollment later.
 *
 * <p>A ProfileAssigned whose challenge the device acted on before (a Kafka redelivery, or old events
 * replayed after a restart) is ignored; one with a new challenge for an assignment the device holds
 * (profile edited, device changed) enrolls again and replaces the certificate.
 */
@ApplicationScoped
public class AssignmentDispatcher {

    private final DeviceRegistry registry;
    private final EnrollmentExecutor executor;
    private final AssignmentPreparer preparer;
    private final DeviceEnroller enroller;
    private final DeviceRenewer renewer;
    private final BenchService benches;
    private final EnrollmentMetrics metrics;

    public AssignmentDispatcher(DeviceRegistry registry, EnrollmentExecutor executor, AssignmentPreparer preparer,
            DeviceEnroller enroller, DeviceRenewer renewer, BenchService benches, EnrollmentMetrics metrics) {
        this.registry = registry;
        this.executor = executor;
        this.preparer = preparer;
        this.enroller = enroller;
        this.renewer = renewer;
        this.benches = benches;
        this.metrics = metrics;
    }

    /**
     * Accepts a ProfileAssigned event; returns false when it is not for a device of this instance, or was
     * acted on before.
     */
    public boolean onProfileAssigned(String eventId, ProfileAssignedEvent assignment) {
        Optional<SimulatedDevice> owned = owner(assignment.tenant(), assignment.deviceId());
        if (owned.isEmpty()) {
            return false;
        }
        SimulatedDevice device = owned.get();
        if (!device.firstDelivery(eventId) || !device.receive(assignment)) {
            Log.debugf("assignment %s for device %s: challenge handled before; ignored", assignment.assignmentId(),
                    device.id());
            return false;
        }
        executor.submit(() -> handle(device, assignment));
        return true;
    }

    /** ProfileUnassigned: the device removes the assignment's certificate, key and unneeded trusted certificates. */
    public boolean onProfileUnassigned(ProfileUnassignedEvent unassigned) {
        Optional<SimulatedDevice> owned = owner(unassigned.tenant(), unassigned.deviceId());
        if (owned.isEmpty()) {
            return false;
        }
        SimulatedDevice device = owned.get();
        executor.submit(() -> {
            synchronized (device.enrollmentLock()) {
                if (device.unassign(unassigned.assignmentId())) {
                    enroller.save(device);
                    Log.infof("device %s: assignment %s removed with its certificate", device.id(),
                            unassigned.assignmentId());
                }
            }
        });
        return true;
    }

    /** CertificateRevoked: the device stops using the certificate (its assignment becomes REVOKED). */
    public boolean onCertificateRevoked(CertificateRevokedEvent revoked) {
        Optional<SimulatedDevice> owned = owner(revoked.tenant(), revoked.deviceId());
        if (owned.isEmpty() || revoked.serialNumber() == null) {
            return false;
        }
        SimulatedDevice device = owned.get();
        executor.submit(() -> {
            if (device.revoke(revoked.serialNumber(), revoked.reason())) {
                enroller.save(device);
                Log.infof("device %s: certificate %s revoked (%s); no longer used", device.id(),
                        revoked.serialNumber(), revoked.reason());
            }
        });
        return true;
    }

    /** CertificateRenewalDue from the CA: renew that certificate now. */
    public boolean onRenewalDue(CertificateRenewalDueEvent due) {
        Optional<SimulatedDevice> owned = owner(due.tenant(), due.deviceId());
        if (owned.isEmpty() || due.serialNumber() == null) {
            return false;
        }
        for (DeviceAssignment assignment : owned.get().assignments()) {
            if (assignment.certificate() != null
                    && Serials.hex(assignment.certificate().getSerialNumber()).equalsIgnoreCase(due.serialNumber())) {
                return renewer.schedule(owned.get(), assignment.assignmentId(), "the CA says renewal is due");
            }
        }
        return false;
    }

    /** After a restart: enrollments that were running resume from their saved assignment, renewals restart. */
    public void resume(SimulatedDevice device) {
        for (DeviceAssignment assignment : device.assignments()) {
            if (assignment.state() == AssignmentState.ENROLLING && assignment.event() != null) {
                executor.submit(() -> handle(device, assignment.event()));
            } else if (assignment.state() == AssignmentState.RENEWING) {
                executor.submit(() -> renewer.renew(device, assignment.assignmentId()));
            }
        }
    }

    private Optional<SimulatedDevice> owner(String tenant, String deviceId) {
        Optional<SimulatedDevice> owned = registry.find(deviceId);
        if (owned.isEmpty()) {
            Log.debugf("event for device %s, which is not simulated here; ignored", deviceId);
            return Optional.empty();
        }
        if (!owned.get().tenant().equals(tenant)) {
            Log.warnf("event names tenant %s but device %s belongs to %s; ignored", tenant, deviceId,
                    owned.get().tenant());
            return Optional.empty();
        }
        return owned;
    }

    private void handle(SimulatedDevice device, ProfileAssignedEvent assignment) {
        enroller.save(device);
        PreparedEnrollment enrollment;
        try {
            enrollment = preparer.prepare(device, assignment);
        } catch (RuntimeException e) {
            device.failed(assignment.assignmentId(),
                    "cannot act on assignment " + assignment.assignmentId() + ": " + e.getMessage());
            enroller.save(device);
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
