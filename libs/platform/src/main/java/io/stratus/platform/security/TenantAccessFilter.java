package io.stratus.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.stratus.platform.rest.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses, with 403, an authenticated request to {@code /api/v1/tenants/{tenant}/...} whose token does not
 * list that tenant. Role checks stay with {@code @RolesAllowed}; an unauthenticated request is left to them.
 */
@Provider
public class TenantAccessFilter implements ContainerRequestFilter {

    private final JsonWebToken token;

    @Inject
    public TenantAccessFilter(JsonWebToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
        if (tenant == null || token.getRawToken() == null) {
            return;
        }
        if (!TenantAccess.allows(token, tenant)) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "the token does not grant tenant " + tenant)
                    .toResponse());
        }
    }
}
