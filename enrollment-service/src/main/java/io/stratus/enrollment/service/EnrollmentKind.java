package io.stratus.enrollment.service;

/** How a SCEP transaction was authorised. */
public enum EnrollmentKind {
    /** A PKCSReq with a one-time challenge from profile-service. */
    ENROLL,
    /** A RenewalReq signed with the device's current certificate from the same CA. */
    RENEWAL,
    /** A PKCSReq with the CA's static challenge (third-party clients, benchmarks). */
    STATIC
}
