package io.stratus.simulator.entity;

/** Where a simulated device stands, summed up over its assignments. */
public enum DeviceState {
    /** Created (and being registered), or every assignment it had was removed: waiting for an assignment. */
    WAITING,
    /** An assignment is enrolling or renewing over SCEP. */
    ENROLLING,
    /** Holds a certificate that chains to its installed root. */
    ENROLLED,
    /** Registration, an enrollment or a renewal failed; see the device's error. */
    FAILED,
    /** Its certificate was revoked and it holds no other valid one. */
    REVOKED
}
