package io.stratus.profile.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.rest.dto.AssignmentCreation;
import io.stratus.profile.rest.dto.AssignmentView;
import io.stratus.profile.service.AssignmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/tenants/{tenant}/assignments")
@Tag(name = "assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    private final AssignmentService assignments;

    public AssignmentResource(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @POST
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> create(@PathParam("tenant") String tenant, AssignmentCreation creation,
            @Context UriInfo uri) {
        return assignments.create(tenant, creation).map(view -> Created.at(uri, view.id(), view));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Map<String, Object>> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return assignments.delete(tenant, id).map(counts -> Map.of("id", id, "unassigned", counts.unassigned()));
    }

    @GET
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<List<AssignmentView>> list(@PathParam("tenant") String tenant) {
        return assignments.list(tenant);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<AssignmentView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return assignments.get(tenant, id);
    }
}
