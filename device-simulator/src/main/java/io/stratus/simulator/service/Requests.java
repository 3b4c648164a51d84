package io.stratus.simulator.service;

/** Checks shared by the fleet and bench requests. */
final class Requests {

    private Requests() {
    }

    static void requireDeviceCount(int count, int max) {
        if (count < 1 || count > max) {
            throw new IllegalArgumentException("device count must be between 1 and " + max);
        }
    }
}
