package io.stratus.profile.service;

import java.util.Map;
import java.util.Set;

import io.stratus.platform.rest.ProblemException;

/**
 * A JSON merge-patch body ({@code PATCH}): only the named fields change; {@code null} clears an optional field.
 * Unknown fields and non-text values are refused with 400.
 */
final class PatchFields {

    private final Map<String, Object> body;

    private PatchFields(Map<String, Object> body) {
        this.body = body;
    }

    static PatchFields of(Map<String, Object> body, Set<String> allowed) {
        if (body == null || body.isEmpty()) {
            throw ProblemException.badRequest("a JSON object with at least one of " + allowed + " is required");
        }
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw ProblemException.badRequest("field '" + entry.getKey() + "' cannot be changed (changeable: "
                        + allowed + ")");
            }
            if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
                throw ProblemException.badRequest("field '" + entry.getKey() + "' must be a string or null");
            }
        }
        return new PatchFields(body);
    }

    boolean has(String field) {
        return body.containsKey(field);
    }

    /** The new value (null when cleared). */
    String value(String field) {
        return (String) body.get(field);
    }
}
