package io.stratus.profile.rest;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.rest.dto.TrustedProfileCreation;
import io.stratus.profile.rest.dto.TrustedProfileView;
import io.stratus.profile.service.TrustedProfileService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<TrustedProfileView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return profiles.get(tenant, id).map(Views::of);
    }
}
