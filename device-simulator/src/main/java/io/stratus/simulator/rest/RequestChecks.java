package io.stratus.simulator.rest;

import java.net.URI;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.stratus.platform.rest.ProblemException;

/** Request field checks that answer 400 problem+json. */
final class RequestChecks {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private RequestChecks() {
    }

    /** A required tenant, group id or name prefix: letters, digits, '.', '_', ':', '-', at most 128. */
    static String identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required");
        }
        String trimmed = value.trim();
        if (!IDENTIFIER.matcher(trimmed).matches()) {
            throw ProblemException.badRequest(field
                    + " must be 1 to 128 letters, digits, '.', '_', ':' or '-' and start with a letter or digit");
        }
        return trimmed;
    }

    /** An absolute http or https URL. */
    static URI httpUrl(String field, String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw ProblemException.badRequest(field + " must be an absolute http or https URL");
    }

    static int count(String field, Integer value) {
        if (value == null) {
            throw ProblemException.badRequest(field + " is required");
        }
        return value;
    }

    /** Runs a service call; its IllegalArgumentException (a bad parameter) becomes a 400. */
    static <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
