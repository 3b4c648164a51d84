package io.stratus.enrollment.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.StaticChallenges;
import io.stratus.enrollment.service.UnknownAuthorityException;
import io.stratus.platform.rest.ProblemException;
import io.stratus.platform.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code PUT|DELETE /api/v1/tenants/{tenant}/scep/{caId}/static-challenge} (role {@code ca.manage}): turns
 * the static challenge mode of an issuing CA on (or replaces the challenge) and off. INSECURE for fleets;
 * for third-party clients and benchmarks. The challenge is never stored or returned, only a salted hash.
 */
@Path("/api/v1/tenants/{tenant}/scep/{caId}/static-challenge")
@Tag(name = "SCEP administration", description = "Static challenge mode of an issuing CA")
@Produces(MediaType.APPLICATION_JSON)
public class StaticChallengeResource {

    static final String CA_MANAGE = "ca.manage";

    /** The body of a PUT. */
    public record StaticChallengeRequest(String challenge) {
    }

    /** The answer of a PUT: never the challenge. */
    public record StaticChallengeView(String authorityId, boolean enabled, Instant updatedAt) {
    }

    private final StaticChallenges challenges;
    private final Callers callers;

    public StaticChallengeResource(StaticChallenges challenges, Callers callers) {
        this.challenges = challenges;
        this.callers = callers;
    }

    @PUT
    @RolesAllowed(CA_MANAGE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the static SCEP challenge of an issuing CA (turns static mode on)")
    public Uni<StaticChallengeView> set(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            StaticChallengeRequest body) {
        String problem = StaticChallenges.problem(body == null ? null : body.challenge());
        if (problem != null) {
            throw ProblemException.badRequest(problem);
        }
        return challenges.set(tenant, caId, body.challenge(), callers.current())
                .map(stored -> new StaticChallengeView(stored.authorityId(), true, stored.updatedAt()))
                .onFailure(UnknownAuthorityException.class)
                .transform(e -> ProblemException.notFound(e.getMessage()));
    }

    @DELETE
    @RolesAllowed(CA_MANAGE)
    @Operation(summary = "Remove the static SCEP challenge set through this API (turns static mode off)")
    public Uni<Response> clear(@PathParam("tenant") String tenant, @PathParam("caId") String caId) {
        return challenges.clear(tenant, caId, callers.current())
                .map(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("CA " + caId + " has no static challenge set through the API");
                    }
                    return Response.noContent().build();
                })
                .onFailure(UnknownAuthorityException.class)
                .transform(e -> ProblemException.notFound(e.getMessage()));
    }
}
