package io.stratus.platform.rest;

import jakarta.ws.rs.core.Response;

/** Thrown by services for a request that cannot be served; answered as problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Response.Status status, String detail) {
        super(detail, null, false, false);
        this.problem = Problem.of(status, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Response.Status.FORBIDDEN, detail);
    }

    public Problem problem() {
        return problem;
    }
}
