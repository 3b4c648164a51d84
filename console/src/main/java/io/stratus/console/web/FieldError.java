package io.stratus.console.web;

import java.util.List;

import io.stratus.console.api.ApiProblem;

/**
 * A refused form: the API's problem detail, and the form field it is about. The API's messages start with or name
 * the field they concern ({@code "validityYears of a ROOT CA must be one of ..."}); the field named first wins, and a
 * message that names none is shown above the form.
 */
public record FieldError(String field, String message) {

    /** No error: a form shown for the first time. */
    public static final FieldError NONE = new FieldError("", "");

    public static FieldError of(ApiProblem problem, List<String> fields) {
        String detail = problem.detail().isEmpty() ? problem.title() : problem.detail();
        String field = "";
        int earliest = Integer.MAX_VALUE;
        for (String candidate : fields) {
            int at = detail.indexOf(candidate);
            if (at >= 0 && (at < earliest || at == earliest && candidate.length() > field.length())) {
                earliest = at;
                field = candidate;
            }
        }
        return new FieldError(field, detail);
    }

    public boolean any() {
        return !message.isEmpty();
    }

    /** Whether the message belongs next to this field. */
    public boolean on(String name) {
        return !message.isEmpty() && field.equals(name);
    }

    /** Whether the message names no field and goes above the form. */
    public boolean general() {
        return !message.isEmpty() && field.isEmpty();
    }
}
