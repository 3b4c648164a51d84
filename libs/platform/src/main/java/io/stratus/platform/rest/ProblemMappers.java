package io.stratus.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns every error a service can raise into a problem+json answer. */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return e.problem().toResponse();
        }
    }

    /** Invalid JSON or JSON of the wrong shape: 400 that says where, never echoing the body. */
    @Provider
    public static class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String where = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                    ? " at field '" + fieldPath(mismatch) + "'"
                    : "";
            String what = e instanceof InvalidFormatException ? "invalid value" : "invalid JSON";
            return Problem.of(Response.Status.BAD_REQUEST, what + where).toResponse();
        }

        private static String fieldPath(MismatchedInputException e) {
            StringBuilder path = new StringBuilder();
            e.getPath().forEach(ref -> {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            });
            return path.toString();
        }
    }

    /**
     * JSON of the wrong shape (a string where a number belongs, an empty body). Quarkus ships a mapper for
     * exactly this type that answers plain JSON and outranks one for the superclass; this one outranks it.
     */
    @Provider
    @Priority(1)
    public static class MismatchedJsonProblemMapper implements ExceptionMapper<MismatchedInputException> {
        private final JsonProblemMapper json = new JsonProblemMapper();

        @Override
        public Response toResponse(MismatchedInputException e) {
            return json.toResponse(e);
        }
    }

    /**
     * HTTP errors raised by JAX-RS itself. Quarkus REST wraps a JSON syntax error in a bare 400 whose cause
     * is the parser's exception: that one is answered like any other JSON problem.
     */
    @Provider
    @Priority(Priorities.USER - 100)
    public static class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
        private final JsonProblemMapper json = new JsonProblemMapper();

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                return json.toResponse(cause);
            }
            Response original = e.getResponse();
            if (original.hasEntity() || original.getStatus() < 400) {
                return original;
            }
            Response.StatusType status = original.getStatusInfo();
            return Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()).toResponse();
        }
    }

    /** Anything unexpected: 500 with no internals in the answer; logged with its stack trace. */
    @Provider
    public static class UnexpectedProblemMapper implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            Log.errorf(e, "unexpected error");
            return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "unexpected error; see the service log")
                    .toResponse();
        }
    }
}
