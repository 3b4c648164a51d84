package io.stratus.simulator.service;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;
import io.stratus.simulator.entity.PreparedEnrollment;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.service.ChainValidator.InvalidChainException;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepException;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one prepared SCEP enrollment of a device's assignment and records the outcome: the certificate
 * and its key (after checking it is for the device's key and chains to the device's installed root)
 * or the reason it failed. The device's state is saved afterwards.
 */
@ApplicationScoped
public class DeviceEnroller {

    private final ScepEnrollmentClient scep;
    private final ChainValidator chainValidator;
    private final EnrollmentMetrics metrics;
    private final DeviceStore store;

    public DeviceEnroller(ScepEnrollmentClient scep, ChainValidator chainValidator, EnrollmentMetrics metrics,
            DeviceStore store) {
        this.scep = scep;
        this.chainValidator = chainValidator;
        this.metrics = metrics;
        this.store = store;
    }

    /** Enrolls (blocking; call on a worker thread) and returns the outcome. */
    public EnrollmentResult enroll(SimulatedDevice device, PreparedEnrollment enrollment) {
        String assignmentId = enrollment.assignmentId();
        synchronized (device.enrollmentLock()) {
            try {
                ScepOutcome outcome = scep.enroll(enrollment.scepUrl(), enrollment.keyPair(), enrollment.csr(),
                        enrollment.subject(), enrollment.transactionId());
                if (!outcome.issued()) {
                    device.failed(assignmentId, "the CA rejected the request: failInfo " + outcome.failInfo());
                    metrics.rejected();
                    Log.infof("device %s: enrollment rejected (%s)", device.id(), outcome.failInfo());
                    return EnrollmentResult.failed();
                }
                validate(device, enrollment.keyPair(), outcome);
                long millis = Math.round(outcome.millis());
                device.enrolled(assignmentId, outcome.certificate(), enrollment.keyPair().getPrivate(), millis, false);
                metrics.issued(millis);
                Log.debugf("device %s enrolled in %d ms (%d polls)", device.id(), millis, outcome.polls());
                return EnrollmentResult.issued(outcome.millis(), outcome.certificate());
            } catch (ScepException | InvalidChainException e) {
                return error(device, assignmentId, e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf(e, "device %s: unexpected enrollment error", device.id());
                return error(device, assignmentId, "unexpected error: " + e);
            } finally {
                save(device);
            }
        }
    }

    /**
     * Checks an issued certificate: for the key the device generated, and chaining to a root the device
     * installed (through its installed intermediates or the CA certificates GetCACert returned).
     */
    List<X509Certificate> validate(SimulatedDevice device, KeyPair keyPair, ScepOutcome outcome) {
        X509Certificate certificate = outcome.certificate();
        if (!certificate.getPublicKey().equals(keyPair.getPublic())) {
            throw new InvalidChainException("the issued certificate is not for the key the device generated");
        }
        List<X509Certificate> intermediates = new ArrayList<>(device.trustStore().intermediates());
        intermediates.addAll(outcome.caCertificates());
        return chainValidator.validate(certificate, device.trustStore().roots(), intermediates);
    }

    /** Saves the device; a failing disk is logged, not thrown into the enrollment. */
    void save(SimulatedDevice device) {
        try {
            store.save(device);
        } catch (RuntimeException e) {
            Log.warnf("device %s: state not saved: %s", device.id(), e.getMessage());
        }
    }

    private EnrollmentResult error(SimulatedDevice device, String assignmentId, String reason) {
        device.failed(assignmentId, reason);
        metrics.error();
        Log.infof("device %s: enrollment failed: %s", device.id(), reason);
        return EnrollmentResult.failed();
    }

    /** Whether a certificate was issued (and which), and how long the SCEP exchange took (ms). */
    public record EnrollmentResult(boolean issued, double millis, X509Certificate certificate) {
        static EnrollmentResult issued(double millis, X509Certificate certificate) {
            return new EnrollmentResult(true, millis, certificate);
        }

        static EnrollmentResult failed() {
            return new EnrollmentResult(false, 0, null);
        }
    }
}
