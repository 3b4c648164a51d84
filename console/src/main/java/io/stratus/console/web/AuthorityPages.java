package io.stratus.console.web;

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
import io.stratus.console.api.Authority;
import io.stratus.console.api.Backend;
import io.stratus.console.api.Download;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.SignedIn;

/**
 * The certification authorities of a tenant: the hierarchy, a CA's page with its downloads and URLs, creating a root
 * or an issuing CA as the Intune portal's wizard does, and pausing, resuming and revoking.
 */
@Path("/t/{tenant}/authorities")
@Produces(MediaType.TEXT_HTML)
public class AuthorityPages {
    static final List<Integer> ROOT_YEARS = List.of(5, 10, 15, 20, 25);
    static final List<Integer> ISSUING_YEARS = List.of(2, 4, 6, 8, 10);
    static final List<String> KEY_ALGORITHMS = List.of("RSA_2048", "RSA_3072", "RSA_4096", "EC_P256", "EC_P384");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<AuthorityTree> tree);

        static native TemplateInstance detail(Page page, Authority ca, Authority parent, List<UsageOption> usages,
                List<String> reasons);

        static native TemplateInstance chooseRoot(Page page, List<Authority> roots);

        static native TemplateInstance form(Page page, AuthorityForm form, Authority parent, List<Integer> years,
                List<String> keyAlgorithms, List<UsageOption> usages, FieldError error);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance list(@PathParam("tenant") String tenant) {
        Session session = Tenants.open(signedIn, tenant);
        List<Authority> all = api.list(Backend.CA, session.token(), base(tenant), Authority.class);
        return Templates.list(Page.of("Certification authorities", tenant, session), AuthorityTree.of(all));
    }

    @GET
    @Path("{id}")
    public TemplateInstance detail(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        Session session = Tenants.open(signedIn, tenant);
        Authority ca = authority(session, tenant, id);
        Authority parent = ca.parentId() == null ? null : authority(session, tenant, ca.parentId());
        return Templates.detail(Page.of(ca.displayName(), tenant, session), ca, parent,
                UsageOption.of(ca.extendedKeyUsages(), ca.extendedKeyUsages()), RevocationReasons.FOR_AUTHORITIES);
    }

    /** The CA certificate as {@code der} (.cer), {@code pem}, or {@code p7b} (the chain up to the root). */
    @GET
    @Path("{id}/download")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("format") String format) {
        Session session = Tenants.open(signedIn, tenant);
        if (!List.of("der", "pem", "p7b").contains(format)) {
            throw new jakarta.ws.rs.BadRequestException("format must be der, pem or p7b");
        }
        Download file = api.download(Backend.CA, session.token(), Tenants.api(tenant, "authorities", id, "certificate")
                + "?format=" + format);
        Response.ResponseBuilder answer = Response.ok(file.body()).type(file.contentType());
        if (file.contentDisposition() != null) {
            answer.header("Content-Disposition", file.contentDisposition());
        }
        return answer.build();
    }

    /** The wizard's first page: a root CA's form, or for an issuing CA the choice of its root, then its form. */
    @GET
    @Path("new")
    public TemplateInstance newAuthority(@PathParam("tenant") String tenant, @QueryParam("kind") String kind,
            @QueryParam("parent") String parentId) {
        Session session = Tenants.open(signedIn, tenant);
        AuthorityForm form = new AuthorityForm();
        form.kind = "ISSUING".equals(kind) ? "ISSUING" : "ROOT";
        if (form.root()) {
            form.validityYears = 10;
            return form(session, tenant, form, null, FieldError.NONE);
        }
        if (parentId == null || parentId.isBlank()) {
            List<Authority> roots = api.list(Backend.CA, session.token(), base(tenant), Authority.class).stream()
                    .filter(ca -> ca.root() && ca.active()).toList();
            return Templates.chooseRoot(Page.of("Create an issuing CA", tenant, session), roots);
        }
        Authority parent = authority(session, tenant, parentId);
        form.parentId = parent.id();
        form.validityYears = 4;
        form.keyAlgorithm = parent.keyAlgorithm();
        form.usages = List.copyOf(parent.extendedKeyUsages());
        return form(session, tenant, form, parent, FieldError.NONE);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response create(@PathParam("tenant") String tenant, @BeanParam AuthorityForm form,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        Authority parent = form.root() || form.parentId == null || form.parentId.isBlank() ? null
                : authority(session, tenant, form.parentId);
        return Forms.submit(() -> {
            Authority created = api.post(Backend.CA, session.token(), base(tenant), form.body(), Authority.class);
            return Response.seeOther(Tenants.page(tenant, "authorities", created.id())).build();
        }, problem -> form(session, tenant, form, parent, FieldError.of(problem, AuthorityForm.FIELDS)));
    }

    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        return change(tenant, id, "pause", Map.of(), formToken);
    }

    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        return change(tenant, id, "resume", Map.of(), formToken);
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @FormParam("reason") String reason, @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        return change(tenant, id, "revoke", reason == null ? Map.of() : Map.of("reason", reason), formToken);
    }

    /**
     * A new certificate for the CA (with a new key when asked), in use at once; the previous ones stay published for
     * the certificates they signed (docs/ca.md, "Renewing a CA").
     */
    @POST
    @Path("{id}/renew")
    public Response renew(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @FormParam("newKey") boolean newKey, @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        return change(tenant, id, "renew", Map.of("newKey", newKey, "activate", true), formToken);
    }

    /** Deleting a revoked issuing CA, or a root without issuing CAs that is not active; the API says what is left. */
    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        api.delete(Backend.CA, session.token(), Tenants.api(tenant, "authorities", id));
        return Response.seeOther(Tenants.page(tenant, "authorities")).build();
    }

    /** A state change through the API, then the CA's page again; a refusal (409) shows on an error page. */
    private Response change(String tenant, String id, String action, Map<String, Object> body, String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        api.post(Backend.CA, session.token(), Tenants.api(tenant, "authorities", id, action), body, Authority.class);
        return Response.seeOther(Tenants.page(tenant, "authorities", id)).build();
    }

    private TemplateInstance form(Session session, String tenant, AuthorityForm form, Authority parent, FieldError error) {
        boolean root = form.root();
        List<String> offered = root ? UsageOption.catalogue() : parent == null ? List.of() : parent.extendedKeyUsages();
        List<String> algorithms = root || parent == null ? KEY_ALGORITHMS : List.of(parent.keyAlgorithm());
        String title = root ? "Create a root CA" : "Create an issuing CA under " + (parent == null ? "?" : parent.displayName());
        return Templates.form(Page.of(title, tenant, session), form, parent, root ? ROOT_YEARS : ISSUING_YEARS,
                algorithms, UsageOption.of(offered, form.usages == null ? List.of() : form.usages), error);
    }

    private Authority authority(Session session, String tenant, String id) {
        return api.get(Backend.CA, session.token(), Tenants.api(tenant, "authorities", id), Authority.class);
    }

    private static String base(String tenant) {
        return Tenants.api(tenant, "authorities");
    }
}
