package io.stratus.platform.rest;

import java.time.Instant;

/**
 * An instant a client types into a query parameter (ISO-8601, {@code 2027-01-31T00:00:00Z}), refused with a 400 when
 * it is not one or lies outside the years 1 to 9999, which a database timestamp cannot hold.
 */
public final class QueryInstants {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private QueryInstants() {
    }

    /** The instant, or null for a blank value; {@code name} is the parameter the problem names. */
    public static Instant parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw ProblemException.badRequest(name + " must lie between the years 1 and 9999");
        }
        return instant;
    }
}
