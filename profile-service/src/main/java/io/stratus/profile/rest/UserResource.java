package io.stratus.profile.rest;

import java.util.List;
import java.util.Map;
import io.stratus.profile.rest.dto.InventoryDeleted;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.rest.dto.ImportResult;
import io.stratus.profile.rest.dto.UserRegistration;
import io.stratus.profile.rest.dto.UserView;
import io.stratus.profile.service.BulkImporter;
import io.stratus.profile.service.CsvRows;
import io.stratus.profile.service.UserService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/tenants/{tenant}/users")
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final String CSV = "text/csv";

    private final UserService users;
    private final BulkImporter importer;

    public UserResource(UserService users, BulkImporter importer) {
        this.users = users;
        this.importer = importer;
    }

    @POST
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<Response> register(@PathParam("tenant") String tenant, UserRegistration registration,
            @Context UriInfo uri) {
        return users.register(tenant, registration).map(user -> Created.at(uri, user.id, Views.of(user)));
    }

    @GET
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<List<UserView>> list(@PathParam("tenant") String tenant, @QueryParam("limit") Integer limit) {
        return users.list(tenant, limit).map(found -> found.stream().map(Views::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<UserView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return users.get(tenant, id).map(Views::of);
    }

    /** Changes a user's attributes (JSON merge patch; null clears an optional one). */
    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<UserView> patch(@PathParam("tenant") String tenant, @PathParam("id") String id,
            Map<String, Object> changes) {
        return users.patch(tenant, id, changes);
    }

    /** Deletes a user; its devices stay, without a primary user (see docs/profiles.md). */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<InventoryDeleted> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return users.delete(tenant, id);
    }

    // bulk import, reached as POST .../users:import (see CustomMethodPaths)
    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    @Blocking
    public Uni<ImportResult> importUsers(@PathParam("tenant") String tenant, List<UserRegistration> rows) {
        return importer.importUsers(tenant, rows);
    }

    @POST
    @Path("/import")
    @Consumes(CSV)
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    @Blocking
    public Uni<ImportResult> importUsersCsv(@PathParam("tenant") String tenant, String csv) {
        return importer.importUsers(tenant, CsvRows.parse(csv, BulkImporter.USER_COLUMNS, BulkImporter.MAX_ROWS)
                .stream().map(BulkImporter::userRow).toList());
    }
}
