package io.stratus.console.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.ApiProblem;
import io.stratus.console.api.Authority;
import io.stratus.console.api.Backend;
import io.stratus.console.api.Certificate;
import io.stratus.console.api.CertificatePage;
import io.stratus.console.api.Download;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.SignedIn;

/**
 * The certificate inventory: search with the API's filters, keyset pages and CSV export; a certificate's decoded
 * fields, its chain and PEM; revoking one with a reason.
 */
@Path("/t/{tenant}/certificates")
@Produces(MediaType.TEXT_HTML)
public class CertificatePages {
    private static final int PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(Page page, CertificateSearch search, List<Authority> authorities,
                List<Certificate> certificates, String next, String problem);

        static native TemplateInstance detail(Page page, Certificate certificate, CertificateDetails details,
                List<Authority> chain, List<String> reasons);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    /** The search form and, below it, the page of results ({@code problem}: the API refused the filters). */
    @GET
    public TemplateInstance search(@PathParam("tenant") String tenant, @BeanParam CertificateSearch search) {
        Session session = Tenants.open(signedIn, tenant);
        List<Authority> authorities = api.list(Backend.CA, session.token(), Tenants.api(tenant, "authorities"), Authority.class);
        Page page = Page.of("Certificates", tenant, session);
        try {
            CertificatePage results = api.get(Backend.CA, session.token(),
                    base(tenant) + "?limit=" + PAGE_SIZE + "&" + search.apiQuery(), CertificatePage.class);
            return Templates.search(page, search, authorities, results.items(), results.next(), null);
        } catch (ApiProblem problem) {
            if (!problem.aboutTheInput()) {
                throw problem;
            }
            return Templates.search(page, search, authorities, List.of(), null, problem.detail());
        }
    }

    /** The same search as CSV (one page of up to 1,000), as the API writes it. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@PathParam("tenant") String tenant, @BeanParam CertificateSearch search) {
        Session session = Tenants.open(signedIn, tenant);
        Download csv = api.download(Backend.CA, session.token(),
                base(tenant) + "?limit=1000&" + search.apiQuery(), "text/csv");
        return Response.ok(csv.body()).type(csv.contentType())
                .header("Content-Disposition", "attachment; filename=\"certificates.csv\"").build();
    }

    @GET
    @Path("{serial}")
    public TemplateInstance detail(@PathParam("tenant") String tenant, @PathParam("serial") String serial,
            @QueryParam("authorityId") String authorityId) {
        Session session = Tenants.open(signedIn, tenant);
        Certificate certificate = certificate(session, tenant, serial, authorityId);
        List<Authority> chain = new ArrayList<>();
        String next = certificate.authorityId();
        while (next != null && chain.size() < 4) {
            Authority ca = api.get(Backend.CA, session.token(), Tenants.api(tenant, "authorities", next),
                    Authority.class);
            chain.add(ca);
            next = ca.parentId();
        }
        return Templates.detail(Page.of("Certificate " + certificate.serialNumber(), tenant, session), certificate,
                CertificateDetails.of(certificate.certificatePem()), chain, RevocationReasons.FOR_CERTIFICATES);
    }

    @POST
    @Path("{serial}/revoke")
    public Response revoke(@PathParam("tenant") String tenant, @PathParam("serial") String serial,
            @FormParam("authorityId") String authorityId, @FormParam("reason") String reason,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        api.post(Backend.CA, session.token(), Tenants.api(tenant, "certificates", serial, "revoke")
                + authorityQuery(authorityId), Map.of("reason", reason == null ? "unspecified" : reason), Certificate.class);
        return Response.seeOther(URI.create(Tenants.page(tenant, "certificates", serial) + authorityQuery(authorityId)))
                .build();
    }

    private Certificate certificate(Session session, String tenant, String serial, String authorityId) {
        return api.get(Backend.CA, session.token(), Tenants.api(tenant, "certificates", serial)
                + authorityQuery(authorityId), Certificate.class);
    }

    private static String authorityQuery(String authorityId) {
        return authorityId == null || authorityId.isBlank() ? "" : "?authorityId=" + Tenants.encoded(authorityId);
    }

    private static String base(String tenant) {
        return Tenants.api(tenant, "certificates");
    }
}
