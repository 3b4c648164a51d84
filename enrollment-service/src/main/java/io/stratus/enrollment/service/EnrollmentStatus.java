package io.stratus.enrollment.service;

/** State of one SCEP transaction. */
public enum EnrollmentStatus {
    PENDING, ISSUED, REJECTED
}
