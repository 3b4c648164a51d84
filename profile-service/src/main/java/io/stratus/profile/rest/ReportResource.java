package io.stratus.profile.rest;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.rest.dto.ProfileReport;
import io.stratus.profile.rest.dto.ReportHistoryView;
import io.stratus.profile.service.ReportHistory;
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
    private final ReportHistory history;

    public ReportResource(ReportService reports, ReportHistory history) {
        this.reports = reports;
        this.history = history;
    }

    @GET
    @Path("/{id}/report")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<ProfileReport> report(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return reports.report(tenant, id, limit, after);
    }

    /** The report over time: counts by status since {@code since} (default the last 7 days), oldest first. */
    @GET
    @Path("/{id}/report/history")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<ReportHistoryView> history(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("since") String since) {
        return reports.history(tenant, id, since).map(snapshots -> new ReportHistoryView(id,
                history.interval().toString(), snapshots.stream().map(s -> new ReportHistoryView.Point(s.takenAt(),
                        s.succeeded(), s.pending(), s.failed(), s.notApplicable())).toList()));
    }
}
