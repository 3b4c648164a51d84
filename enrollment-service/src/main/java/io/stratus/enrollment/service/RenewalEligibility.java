package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.RenewalWindow;
import io.stratus.enrollment.config.EnrollmentConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a certificate this service handed out may renew now, beyond the signer and CSR checks: the certificate
 * renews only while what authorised it still holds (its assignment is active; for a static enrollment, the CA's
 * static challenge is still set) and only inside its renewal window (the last {@code threshold}% of its validity,
 * the threshold of the assignment's profile). That it renews once is claimed when the transaction is recorded.
 */
@ApplicationScoped
public class RenewalEligibility {

    private final AssignmentStore assignments;
    private final StaticEnrollment staticEnrollment;
    private final Duration clockSkew;
    private final int staticThresholdPercent;

    public RenewalEligibility(AssignmentStore assignments, StaticEnrollment staticEnrollment,
            EnrollmentConfig config) {
        this.assignments = assignments;
        this.staticEnrollment = staticEnrollment;
        this.clockSkew = config.renewalClockSkew();
        this.staticThresholdPercent = config.staticRenewalThresholdPercent();
    }

    /**
     * Whether {@code signer}, handed out for {@code original}, may renew at {@code now}: a refusal (why not), or
     * leave to renew with the time the assignment it relies on was announced (null for a static enrollment).
     */
    public Uni<Decision> decide(ScepAuthority ca, X509Certificate signer, Enrollment original, Instant now) {
        String serial = SerialNumbers.of(signer.getSerialNumber());
        if (original.assignmentId() == null) {
            return staticEnrollment.isOn(ca).map(on -> new Decision(on
                    ? outsideWindow(signer, serial, staticThresholdPercent, now)
                    : "certificate " + serial + " was enrolled with a static challenge and this CA no longer has one",
                    null));
        }
        return assignments.find(original.tenant(), original.assignmentId(), original.deviceId()).map(assignment -> {
            if (assignment == null || !assignment.active()) {
                return new Decision("the assignment of certificate " + serial + " (" + original.assignmentId()
                        + ") has ended: the device no longer has its profile", null);
            }
            return new Decision(outsideWindow(signer, serial, assignment.renewalThresholdPercent(), now),
                    assignment.assignedAt());
        });
    }

    /**
     * A renewal's eligibility: {@code refusal} is null when it may renew; {@code assignedAt} is when the assignment
     * it relies on was last announced.
     */
    public record Decision(String refusal, Instant assignedAt) {
    }

    private String outsideWindow(X509Certificate signer, String serial, int thresholdPercent, Instant now) {
        if (RenewalWindow.isOpen(signer, thresholdPercent, now.plus(clockSkew))) {
            return null;
        }
        return "certificate " + serial + " may renew from " + RenewalWindow.opensAt(signer, thresholdPercent)
                + " (the last " + thresholdPercent + "% of its validity), not before";
    }
}
