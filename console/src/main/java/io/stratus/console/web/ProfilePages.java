package io.stratus.console.web;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.ApiProblem;
import io.stratus.console.api.Backend;
import io.stratus.console.api.ProfileReport;
import io.stratus.console.api.ReportHistory;
import io.stratus.console.api.ScepProfile;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.api.TrustedProfile;
import io.stratus.console.session.Session;
import io.stratus.console.session.SignedIn;

/** A tenant's trusted-certificate and SCEP profiles, and a SCEP profile's deployment report. */
@Path("/t/{tenant}/profiles")
@Produces(MediaType.TEXT_HTML)
public class ProfilePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<ScepProfile> scep, List<TrustedProfile> trusted);

        static native TemplateInstance report(Page page, ScepProfile profile, ProfileReport report, ReportChart chart,
                ReportTimeline timeline, String after);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance list(@PathParam("tenant") String tenant) {
        Session session = Tenants.open(signedIn, tenant);
        List<ScepProfile> scep = api.list(Backend.PROFILE, session.token(), base(tenant) + "/scep", ScepProfile.class);
        List<TrustedProfile> trusted = api.list(Backend.PROFILE, session.token(), base(tenant) + "/trusted",
                TrustedProfile.class);
        return Templates.list(Page.of("Profiles", tenant, session), scep, trusted);
    }

    /**
     * Counts by status with a chart, the counts over time (the last 7 days) as lines, and one page of devices
     * ({@code after}: the page's start, from the previous).
     */
    @GET
    @Path("{id}/report")
    public TemplateInstance report(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("after") String after) {
        Session session = Tenants.open(signedIn, tenant);
        ScepProfile profile = api.get(Backend.PROFILE, session.token(), Tenants.api(tenant, "profiles", "scep", id),
                ScepProfile.class);
        String query = after == null || after.isBlank() ? "" : "?after=" + Tenants.encoded(after);
        ProfileReport report = api.get(Backend.PROFILE, session.token(),
                Tenants.api(tenant, "profiles", id, "report") + query, ProfileReport.class);
        return Templates.report(Page.of("Deployment report: " + profile.name(), tenant, session), profile, report,
                ReportChart.of(report), timeline(session, tenant, id, report), after);
    }

    /** The report over time; if profile-service cannot say, the page shows the rest of the report and why. */
    private ReportTimeline timeline(Session session, String tenant, String id, ProfileReport report) {
        try {
            ReportHistory history = api.get(Backend.PROFILE, session.token(),
                    Tenants.api(tenant, "profiles", id, "report", "history"), ReportHistory.class);
            return ReportTimeline.of(history, report, Instant.now());
        } catch (ApiProblem problem) {
            return ReportTimeline.unavailable(problem.detail());
        }
    }

    private static String base(String tenant) {
        return Tenants.api(tenant, "profiles");
    }
}
