package io.stratus.simulator.entity;

/** Phases of a bench run. */
public enum BenchState {
    /** Registering the devices and collecting their assignments. */
    PREPARING,
    /** Enrolling every device, C in flight. */
    RUNNING,
    /** Finished; the result is final. */
    DONE,
    /** Could not run; see the error. */
    FAILED
}
