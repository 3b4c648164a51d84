package io.stratus.simulator.entity;

/** Where a simulated device stands in its enrollment. */
public enum DeviceState {
    /** Created (and being registered), waiting for an assignment. */
    WAITING,
    /** An assignment arrived; the device is enrolling over SCEP. */
    ENROLLING,
    /** The device holds a certificate that chains to its installed root. */
    ENROLLED,
    /** Registration or enrollment failed; see the device's error. */
    FAILED
}
