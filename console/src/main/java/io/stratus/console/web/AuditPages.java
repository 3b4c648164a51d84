package io.stratus.console.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.AuditPage;
import io.stratus.console.api.AuditVerification;
import io.stratus.console.api.Backend;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.SignedIn;

/**
 * The audit logs of a tenant, one per service (ca-service, profile-service, enrollment-service): the hash-chained
 * records page by page, and a check of the whole chain against its seals and the audit topic.
 */
@Path("/t/{tenant}/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {
    static final List<String> SERVICES = List.of("ca", "profile", "enrollment");
    private static final int PAGE_SIZE = 100;
    /** A chain longer than this many calls' worth (100,000 records each) is reported as checked so far. */
    private static final int MAX_VERIFY_CALLS = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance log(Page page, String service, List<String> services, AuditPage records,
                Long after, AuditVerification verification);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance log(@PathParam("tenant") String tenant, @QueryParam("service") String service,
            @QueryParam("after") String after) {
        return page(tenant, service, sequence(after), null);
    }

    /** Checks the whole chain (call after call, as the API pages it) and shows the first page with the result. */
    @POST
    @Path("verify")
    public TemplateInstance verify(@PathParam("tenant") String tenant, @FormParam("service") String service,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        Backend backend = backend(service);
        AuditVerification call = api.post(backend, session.token(), base(tenant) + "/verify", null,
                AuditVerification.class);
        long checked = call.records();
        for (int calls = 1; call.valid() && call.next() != null && calls < MAX_VERIFY_CALLS; calls++) {
            call = api.post(backend, session.token(), base(tenant) + "/verify?after=" + call.next(), null,
                    AuditVerification.class);
            checked += call.records();
        }
        return page(tenant, service, null, call.withRecords(checked));
    }

    /** The sequence a page starts after: a whole number, or none. */
    private static Long sequence(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("after must be an audit record's sequence number");
        }
    }

    private TemplateInstance page(String tenant, String service, Long after, AuditVerification verification) {
        Session session = Tenants.open(signedIn, tenant);
        String chosen = service == null ? "ca" : service;
        AuditPage records = api.get(backend(chosen), session.token(),
                base(tenant) + "?limit=" + PAGE_SIZE + (after == null ? "" : "&after=" + after), AuditPage.class);
        return Templates.log(Page.of("Audit log", tenant, session), chosen, SERVICES, records, after, verification);
    }

    private static Backend backend(String service) {
        return switch (service == null ? "ca" : service) {
            case "ca" -> Backend.CA;
            case "profile" -> Backend.PROFILE;
            case "enrollment" -> Backend.ENROLLMENT;
            default -> throw new BadRequestException("no audit log named " + service + "; they are " + SERVICES);
        };
    }

    private static String base(String tenant) {
        return Tenants.api(tenant, "audit");
    }
}
