package io.stratus.console.api;

/**
 * A service refused a call (its problem+json: status, title, detail), or could not be reached (502). The detail is
 * the API's own message, shown to the administrator as it is: the API is the one source of its rules.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;

    public ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** A mistake in what was submitted or a rule it breaks (400, 409, 422), which a form shows beside its fields. */
    public boolean aboutTheInput() {
        return status == 400 || status == 409 || status == 422;
    }
}
