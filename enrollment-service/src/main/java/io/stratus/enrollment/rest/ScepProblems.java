package io.stratus.enrollment.rest;

import io.quarkus.logging.Log;
import io.stratus.enrollment.service.NoNextCaCertificateException;
import io.stratus.enrollment.service.RaNotReadyException;
import io.stratus.enrollment.service.UndecodableMessageException;
import io.stratus.enrollment.service.UnknownAuthorityException;
import io.stratus.platform.rest.Problem;
import jakarta.ws.rs.core.Response;

/** HTTP answers (problem+json) for SCEP requests that get no CertRep, and their metric outcome. */
final class ScepProblems {

    static final String RETRY_AFTER_SECONDS = "10";

    private ScepProblems() {
    }

    static Response response(Throwable failure) {
        if (failure instanceof UnknownAuthorityException) {
            return Problem.of(Response.Status.NOT_FOUND, failure.getMessage()).toResponse();
        }
        if (failure instanceof NoNextCaCertificateException) {
            return Problem.of(Response.Status.NOT_FOUND, failure.getMessage()).toResponse();
        }
        if (failure instanceof RaNotReadyException) {
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, failure.getMessage())
                    .toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (failure instanceof UndecodableMessageException) {
            return badRequest("not a SCEP pkiMessage: " + failure.getMessage());
        }
        Log.errorf(failure, "SCEP request failed unexpectedly");
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "unexpected error; see the service log")
                .toResponse();
    }

    static String outcome(Throwable failure) {
        if (failure instanceof UnknownAuthorityException) {
            return "not_found";
        }
        if (failure instanceof NoNextCaCertificateException) {
            return "no_next_ca_certificate";
        }
        if (failure instanceof RaNotReadyException) {
            return "unavailable";
        }
        if (failure instanceof UndecodableMessageException) {
            return "bad_request";
        }
        return "error";
    }

    static Response badRequest(String detail) {
        return Problem.of(Response.Status.BAD_REQUEST, detail).toResponse();
    }

    /** HTTP 429: the client was refused too often by this CA lately; it may ask again after {@code wait}. */
    static Response tooManyRefusals(java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS,
                "too many refused requests from this client; try again in " + seconds + " s").toResponse())
                .header("Retry-After", String.valueOf(seconds)).build();
    }

    static Response tooLarge(int limit) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the PKIOperation message exceeds " + limit + " bytes").toResponse();
    }
}
