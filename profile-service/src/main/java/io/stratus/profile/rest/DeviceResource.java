package io.stratus.profile.rest;

import java.util.List;
import java.util.Map;
import io.stratus.profile.rest.dto.DeviceReport;
import io.stratus.profile.rest.dto.InventoryDeleted;
import io.stratus.profile.service.ReportService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.QueryParam;

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
    private final ReportService reports;

    public DeviceResource(DeviceService devices, BulkImporter importer, ReportService reports) {
        this.devices = devices;
        this.importer = importer;
        this.reports = reports;
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

    @GET
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<List<DeviceView>> list(@PathParam("tenant") String tenant, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return devices.list(tenant, limit, offset).map(found -> found.stream().map(Views::of).toList());
    }

    /** Changes name, serialNumber, imei, wifiMacAddress or primaryUserId (JSON merge patch; null clears). */
    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<DeviceView> patch(@PathParam("tenant") String tenant, @PathParam("id") String id,
            Map<String, Object> changes) {
        return devices.patch(tenant, id, changes).map(Views::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<InventoryDeleted> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return devices.delete(tenant, id);
    }

    /** Every profile assigned to the device, with its status, certificate and failure reason. */
    @GET
    @Path("/{id}/report")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<DeviceReport> report(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return reports.deviceReport(tenant, id);
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
