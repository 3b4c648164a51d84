package io.stratus.simulator.service;

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
 * Runs one prepared SCEP enrollment of a device and records the outcome: the certificate (after
 * checking it is for the device's key and chains to the device's installed root) or the reason
 * it failed.
 */
@ApplicationScoped
public class DeviceEnroller {

    private final ScepEnrollmentClient scep;
    private final ChainValidator chainValidator;
    private final EnrollmentMetrics metrics;

    public DeviceEnroller(ScepEnrollmentClient scep, ChainValidator chainValidator, EnrollmentMetrics metrics) {
        this.scep = scep;
        this.chainValidator = chainValidator;
        this.metrics = metrics;
    }

    /** Enrolls (blocking; call on a worker thread) and returns the outcome. */
    public EnrollmentResult enroll(SimulatedDevice device, PreparedEnrollment enrollment) {
        synchronized (device.enrollmentLock()) {
            device.enrolling();
            try {
                ScepOutcome outcome = scep.enroll(enrollment.scepUrl(), enrollment.keyPair(), enrollment.csr(),
                        enrollment.subject());
                if (!outcome.issued()) {
                    device.failed("the CA rejected the request: failInfo " + outcome.failInfo());
                    metrics.rejected();
                    Log.infof("device %s: enrollment rejected (%s)", device.id(), outcome.failInfo());
                    return EnrollmentResult.failed();
                }
                List<X509Certificate> chain = accept(device, enrollment, outcome);
                long millis = Math.round(outcome.millis());
                device.enrolled(outcome.certificate(), chain, millis);
                metrics.issued(millis);
                Log.debugf("device %s enrolled in %d ms (%d polls)", device.id(), millis, outcome.polls());
                return EnrollmentResult.issued(outcome.millis());
            } catch (ScepException | InvalidChainException e) {
                return error(device, e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf(e, "device %s: unexpected enrollment error", device.id());
                return error(device, "unexpected error: " + e);
            }
        }
    }

    private List<X509Certificate> accept(SimulatedDevice device, PreparedEnrollment enrollment, ScepOutcome outcome) {
        X509Certificate certificate = outcome.certificate();
        if (!certificate.getPublicKey().equals(enrollment.keyPair().getPublic())) {
            throw new InvalidChainException("the issued certificate is not for the key the device generated");
        }
        List<X509Certificate> intermediates = new ArrayList<>(device.trustStore().intermediates());
        intermediates.addAll(outcome.caCertificates());
        return chainValidator.validate(certificate, device.trustStore().roots(), intermediates);
    }

    private EnrollmentResult error(SimulatedDevice device, String reason) {
        device.failed(reason);
        metrics.error();
        Log.infof("device %s: enrollment failed: %s", device.id(), reason);
        return EnrollmentResult.failed();
    }

    /** Whether a certificate was issued, and how long the SCEP exchange took (ms). */
    public record EnrollmentResult(boolean issued, double millis) {
        static EnrollmentResult issued(double millis) {
            return new EnrollmentResult(true, millis);
        }

        static EnrollmentResult failed() {
            return new EnrollmentResult(false, 0);
        }
    }
}
