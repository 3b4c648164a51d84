package io.stratus.profile.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.rest.dto.DeviceRegistration;
import io.stratus.profile.rest.dto.DeviceView;
import io.stratus.profile.rest.dto.ImportResult;
import io.stratus.profile.service.BulkImporter;
import io.stratus.profile.service.CsvRows;
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

    private static final String CSV = "text/csv";

    private final DeviceService devices;
    private final BulkImporter importer;

    public DeviceResource(DeviceService devices, BulkImporter importer) {
        this.devices = devices;
        this.importer = importer;
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

    // bulk import, reached as POST .../devices:import (see CustomMethodPaths)
    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    @Blocking
    public Uni<ImportResult> importDevices(@PathParam("tenant") String tenant, List<DeviceRegistration> rows) {
        return importer.importDevices(tenant, rows);
    }

    @POST
    @Path("/import")
    @Consumes(CSV)
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    @Blocking
    public Uni<ImportResult> importDevicesCsv(@PathParam("tenant") String tenant, String csv) {
        return importer.importDevices(tenant, CsvRows.parse(csv, BulkImporter.DEVICE_COLUMNS, BulkImporter.MAX_ROWS)
                .stream().map(BulkImporter::deviceRow).toList());
    }
}
