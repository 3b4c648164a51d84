package io.stratus.ca.rest;

import io.stratus.platform.rest.ProblemException;

/** The {@code generation} query parameter of CA downloads: absent means the current certificate. */
final class Generations {

    private Generations() {
    }

    /** Null when absent; a 400 problem unless it is a positive number. */
    static Integer parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int generation = Integer.parseInt(value.trim());
            if (generation >= 1) {
                return generation;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("generation must be a positive number (1 = the CA's first certificate)");
    }
}
