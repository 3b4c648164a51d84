package io.stratus.profile.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.rest.dto.TrustedProfileCreation;
import io.stratus.profile.rest.dto.TrustedProfileView;
import io.stratus.profile.service.TrustedProfileService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/tenants/{tenant}/profiles/trusted")
@Tag(name = "profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrustedProfileResource {

    private final TrustedProfileService profiles;

    public TrustedProfileResource(TrustedProfileService profiles) {
        this.profiles = profiles;
    }

    @POST
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> create(@PathParam("tenant") String tenant, TrustedProfileCreation creation,
            @Context UriInfo uri) {
        return profiles.create(tenant, creation).map(profile -> Created.at(uri, profile.id, Views.of(profile)));
    }

    @GET
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<List<TrustedProfileView>> list(@PathParam("tenant") String tenant) {
        return profiles.list(tenant).map(found -> found.stream().map(Views::of).toList());
    }

    /** Replaces the profile; the devices of the SCEP profiles that use it get a new ProfileAssigned. */
    @PUT
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<TrustedProfileView> update(@PathParam("tenant") String tenant, @PathParam("id") String id,
            TrustedProfileCreation update) {
        return profiles.update(tenant, id, update).map(Views::of);
    }

    /** Deletes a trusted profile no SCEP profile uses (409 otherwise). */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return profiles.delete(tenant, id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<TrustedProfileView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return profiles.get(tenant, id).map(Views::of);
    }
}
