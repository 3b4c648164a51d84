package io.stratus.simulator.entity;

/** Where one assignment (a SCEP profile applied to a device) stands on that device. */
public enum AssignmentState {
    /** The assignment arrived; the device is enrolling over SCEP. */
    ENROLLING,
    /** The certificate is installed and valid as far as the device knows. */
    ENROLLED,
    /** The certificate passed its renewal threshold (or renewal was forced); a RenewalReq is running. */
    RENEWING,
    /** Enrollment or renewal failed; see the error. */
    FAILED,
    /** The CA revoked the certificate: the device no longer uses it. */
    REVOKED,
    /** The profile no longer applies: certificate, key and unneeded trusted certificates removed. */
    UNASSIGNED
}
