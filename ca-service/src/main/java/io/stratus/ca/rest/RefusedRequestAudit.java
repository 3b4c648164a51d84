package io.stratus.ca.rest;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.platform.audit.AuditChain;
import io.stratus.platform.security.Callers;
import io.stratus.platform.security.TenantAccess;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

/**
 * Records refused admin changes in the tenant's audit chain: a POST, PUT, PATCH or DELETE under
 * {@code /api/v1/tenants/{tenant}/} answered 4xx (a wrong request, a rule of the CA lifecycle, a missing role) by a
 * caller whose token grants that tenant. Requests without a token (401) and tokens of other tenants are not
 * written into a tenant's chain (anyone could fill it); they are only logged.
 */
public class RefusedRequestAudit {

    static final String ACTION = "REQUEST_REFUSED";
    static final int MAX_TARGET = 300;
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final JsonWebToken token;
    private final Callers callers;
    private final AuditLog audit;

    public RefusedRequestAudit(JsonWebToken token, Callers callers, AuditLog audit) {
        this.token = token;
        this.callers = callers;
        this.audit = audit;
    }

    @ServerResponseFilter
    public Uni<Void> recordRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
        if (status < 400 || status >= 500 || tenant == null || !CHANGES.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        String target = fitted(request.getMethod() + " /" + request.getUriInfo().getPath().replaceFirst("^/", ""));
        if (token.getRawToken() == null || !TenantAccess.allows(token, tenant)) {
            Log.infof("refused %s (%d) for a caller without tenant %s; not audited in its chain", target, status, tenant);
            return Uni.createFrom().voidItem();
        }
        String outcome = "REFUSED " + status + reason(status);
        return Panache.withTransaction(() -> audit.append(tenant, callers.current(), ACTION, target, outcome))
                .onFailure().invoke(e -> Log.errorf("could not audit the refused request %s: %s", target, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * The target as the audit column holds it (300 characters): a longer path (anyone may send one) keeps its start
     * and a hash of the whole, so the refusal is still recorded.
     */
    static String fitted(String target) {
        if (target.length() <= MAX_TARGET) {
            return target;
        }
        String digest = AuditChain.sha256Hex(target).substring(0, 16);
        return target.substring(0, MAX_TARGET - 28) + "...(sha256 " + digest + ")";
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "" : " " + known.getReasonPhrase();
    }
}
