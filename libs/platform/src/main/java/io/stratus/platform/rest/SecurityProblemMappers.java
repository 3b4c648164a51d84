package io.stratus.platform.rest;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Role failures as problem+json: 401 (with a Bearer challenge) without a token, 403 without the role. */
public final class SecurityProblemMappers {

    private SecurityProblemMappers() {
    }

    @Provider
    public static class Unauthorized implements ExceptionMapper<UnauthorizedException> {
        @Override
        public Response toResponse(UnauthorizedException e) {
            return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                    "a bearer token is required").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build();
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return Problem.of(Response.Status.FORBIDDEN, "the token lacks the role this operation needs")
                    .toResponse();
        }
    }
}
