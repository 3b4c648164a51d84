package io.stratus.profile.rest;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.rest.dto.ProfileReport;
import io.stratus.profile.service.ReportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/tenants/{tenant}/profiles")
@Tag(name = "reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/{id}/report")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<ProfileReport> report(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return reports.report(tenant, id, limit, after);
    }
}
