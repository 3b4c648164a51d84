package io.stratus.simulator.service;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.simulator.entity.DeviceAssignment;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.service.ChainValidator.InvalidChainException;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepException;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renews an enrolled assignment's certificate the way a device does: a new key of the same kind, a CSR
 * with the certificate's subject and the policy's SANs (no challenge), sent as a SCEP RenewalReq
 * signed with the current certificate and key. The new certificate replaces the old one; when renewal
 * fails the device keeps using the current certificate and shows the error.
 */
@ApplicationScoped
public class DeviceRenewer {

    private final ScepEnrollmentClient scep;
    private final KeyPool keyPool;
    private final AssignmentPreparer preparer;
    private final DeviceEnroller enroller;
    private final EnrollmentMetrics metrics;
    private final EnrollmentExecutor executor;

    public DeviceRenewer(ScepEnrollmentClient scep, KeyPool keyPool, AssignmentPreparer preparer,
            DeviceEnroller enroller, EnrollmentMetrics metrics, EnrollmentExecutor executor) {
        this.scep = scep;
        this.keyPool = keyPool;
        this.preparer = preparer;
        this.enroller = enroller;
        this.metrics = metrics;
        this.executor = executor;
    }

    /**
     * Marks the assignment RENEWING and renews it on a worker (which saves the outcome); false when it holds no
     * enrolled certificate. Does no I/O itself, so a Kafka consumer may call it.
     */
    public boolean schedule(SimulatedDevice device, String assignmentId, String why) {
        if (!device.renewing(assignmentId)) {
            return false;
        }
        Log.infof("device %s: renewing the certificate of assignment %s (%s)", device.id(), assignmentId, why);
        executor.submit(() -> renew(device, assignmentId));
        return true;
    }

    /** Renews now (blocking); the assignment must be RENEWING. */
    void renew(SimulatedDevice device, String assignmentId) {
        synchronized (device.enrollmentLock()) {
            Optional<DeviceAssignment> held = device.assignment(assignmentId);
            if (held.isEmpty() || held.get().certificate() == null || held.get().event() == null) {
                return;
            }
            try {
                renewWith(device, held.get());
            } catch (ScepException | InvalidChainException | AssignmentPreparer.InvalidAssignmentException e) {
                failed(device, assignmentId, e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf(e, "device %s: unexpected renewal error", device.id());
                failed(device, assignmentId, "unexpected error: " + e);
            } finally {
                enroller.save(device);
            }
        }
    }

    private void renewWith(SimulatedDevice device, DeviceAssignment assignment) {
        X509Certificate current = assignment.certificate();
        ProfileAssignedEvent event = assignment.event();
        IssuancePolicy policy = event.policy();
        URI scepUrl = preparer.scepUrl(event);
        String subject = SubjectNames.toString(current.getSubjectX500Principal());
        KeyPair keys = keyPool.take(KeyAlgorithm.of(current.getPublicKey()));
        byte[] csr = Csrs.build(keys, subject,
                policy == null ? List.of() : AssignmentPreparer.sans(policy.subjectAltNames()), null,
                AssignmentPreparer.hash(event));
        ScepOutcome outcome = scep.renew(scepUrl, keys, csr, subject, current, assignment.privateKey());
        if (!outcome.issued()) {
            metrics.rejected();
            failed(device, assignment.assignmentId(), "the CA rejected the RenewalReq: failInfo " + outcome.failInfo());
            return;
        }
        enroller.validate(device, keys, outcome);
        long millis = Math.round(outcome.millis());
        device.enrolled(assignment.assignmentId(), outcome.certificate(), keys.getPrivate(), millis, true);
        metrics.issued(millis);
        Log.infof("device %s: certificate of assignment %s renewed", device.id(), assignment.assignmentId());
    }

    private void failed(SimulatedDevice device, String assignmentId, String reason) {
        device.renewalFailed(assignmentId, reason);
        Log.infof("device %s: renewal of assignment %s failed: %s", device.id(), assignmentId, reason);
    }
}
