package io.stratus.profile.rest;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.rest.dto.DeviceRegistration;
import io.stratus.profile.rest.dto.DeviceView;
import io.stratus.profile.service.DeviceService;
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

@Path("/api/v1/tenants/{tenant}/devices")
@Tag(name = "devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DeviceService devices;

    public DeviceResource(DeviceService devices) {
        this.devices = devices;
    }

    @POST
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<Response> register(@PathParam("tenant") String tenant, DeviceRegistration registration,
            @Context UriInfo uri) {
        return devices.register(tenant, registration).map(device -> Created.at(uri, device.id, Views.of(device)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<DeviceView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return devices.get(tenant, id).map(Views::of);
    }
}
