package io.stratus.profile.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.rest.dto.ScepProfileCreation;
import io.stratus.profile.rest.dto.ScepProfileView;
import io.stratus.profile.service.ScepProfileService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/tenants/{tenant}/profiles/scep")
@Tag(name = "profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScepProfileResource {

    private final ScepProfileService profiles;

    public ScepProfileResource(ScepProfileService profiles) {
        this.profiles = profiles;
    }

    @POST
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> create(@PathParam("tenant") String tenant, ScepProfileCreation creation,
            @Context UriInfo uri) {
        return profiles.create(tenant, creation).map(profile -> Created.at(uri, profile.id, Views.of(profile)));
    }

    /** Replaces the profile's settings; its devices get a new ProfileAssigned with a fresh challenge. */
    @PUT
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<ScepProfileView> update(@PathParam("tenant") String tenant, @PathParam("id") String id,
            ScepProfileCreation update) {
        return profiles.update(tenant, id, update).map(Views::of);
    }

    /** Deletes an unassigned profile (409 while an assignment uses it). */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return profiles.delete(tenant, id).replaceWith(Response.noContent().build());
    }

    @GET
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<List<ScepProfileView>> list(@PathParam("tenant") String tenant) {
        return profiles.list(tenant).map(found -> found.stream().map(Views::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<ScepProfileView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return profiles.get(tenant, id).map(Views::of);
    }
}
