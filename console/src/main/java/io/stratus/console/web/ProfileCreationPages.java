package io.stratus.console.web;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.ApiProblem;
import io.stratus.console.api.Authority;
import io.stratus.console.api.Backend;
import io.stratus.console.api.ScepProfile;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.api.TrustedProfile;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.SignedIn;

/**
 * Creating profiles as the Intune portal does: a trusted certificate profile from one of the tenant's CAs, and a SCEP
 * profile that names an issuing CA (its SCEP URL comes with it) and the trusted profiles of its chain.
 */
@Path("/t/{tenant}/profiles/create")
@Produces(MediaType.TEXT_HTML)
public class ProfileCreationPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trusted(Page page, TrustedProfileForm form, List<Authority> authorities,
                List<String> platforms, List<String> stores, FieldError error);

        static native TemplateInstance scep(Page page, ScepProfileForm form, List<Authority> issuing,
                List<TrustedProfile> trusted, List<UsageOption> usages, ScepChoices choices, FieldError error);
    }

    /** The fixed choices of the SCEP profile form. */
    public record ScepChoices(List<String> platforms, List<String> sanTypes, List<String> keys, List<String> keyUsages,
            List<String> keyStorage, List<String> hashes) {
        static final ScepChoices ALL = new ScepChoices(ScepProfileForm.PLATFORMS, ScepProfileForm.SAN_TYPES,
                ScepProfileForm.KEYS, ScepProfileForm.KEY_USAGES, ScepProfileForm.KEY_STORAGE, ScepProfileForm.HASHES);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    @Path("trusted")
    public TemplateInstance newTrusted(@PathParam("tenant") String tenant) {
        Session session = Tenants.open(signedIn, tenant);
        return trustedForm(session, tenant, new TrustedProfileForm(), FieldError.NONE);
    }

    @POST
    @Path("trusted")
    public Response createTrusted(@PathParam("tenant") String tenant, @BeanParam TrustedProfileForm form,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        return Forms.submit(() -> {
            Authority ca = chosen(session, tenant, form.authorityId, "the CA whose certificate devices trust");
            api.post(Backend.PROFILE, session.token(), Tenants.api(tenant, "profiles", "trusted"),
                    form.body(ca.certificatePem()), TrustedProfile.class);
            return Response.seeOther(Tenants.page(tenant, "profiles")).build();
        }, problem -> trustedForm(session, tenant, form, FieldError.of(problem, TrustedProfileForm.FIELDS)));
    }

    @GET
    @Path("scep")
    public TemplateInstance newScep(@PathParam("tenant") String tenant) {
        Session session = Tenants.open(signedIn, tenant);
        return scepForm(session, tenant, new ScepProfileForm(), FieldError.NONE);
    }

    @POST
    @Path("scep")
    public Response createScep(@PathParam("tenant") String tenant, @BeanParam ScepProfileForm form,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        return Forms.submit(() -> {
            Authority ca = chosen(session, tenant, form.authorityId, "the issuing CA that signs the certificates");
            ScepProfile created = api.post(Backend.PROFILE, session.token(), Tenants.api(tenant, "profiles", "scep"),
                    form.body(ca.scepUrl()), ScepProfile.class);
            return Response.seeOther(URI.create(Tenants.page(tenant, "assignments", "new") + "?profile="
                    + Tenants.encoded(created.id()))).build();
        }, problem -> scepForm(session, tenant, form, FieldError.of(problem, ScepProfileForm.FIELDS)));
    }

    /** The CA a profile form names; none chosen is the user's mistake, told next to the field. */
    private Authority chosen(Session session, String tenant, String authorityId, String what) {
        if (authorityId == null || authorityId.isBlank()) {
            throw new ApiProblem(400, "Bad Request", "authorityId: choose " + what);
        }
        return api.get(Backend.CA, session.token(), Tenants.api(tenant, "authorities", authorityId), Authority.class);
    }

    private TemplateInstance trustedForm(Session session, String tenant, TrustedProfileForm form, FieldError error) {
        List<Authority> authorities = api.list(Backend.CA, session.token(), Tenants.api(tenant, "authorities"),
                Authority.class).stream().filter(ca -> !ca.revoked()).toList();
        return Templates.trusted(Page.of("Create a trusted certificate profile", tenant, session), form, authorities,
                ScepProfileForm.PLATFORMS, TrustedProfileForm.STORES, error);
    }

    private TemplateInstance scepForm(Session session, String tenant, ScepProfileForm form, FieldError error) {
        List<Authority> issuing = api.list(Backend.CA, session.token(), Tenants.api(tenant, "authorities"),
                Authority.class).stream().filter(ca -> !ca.root() && ca.active()).toList();
        List<TrustedProfile> trusted = api.list(Backend.PROFILE, session.token(),
                Tenants.api(tenant, "profiles", "trusted"), TrustedProfile.class);
        return Templates.scep(Page.of("Create a SCEP certificate profile", tenant, session), form, issuing, trusted,
                UsageOption.of(UsageOption.catalogue(), form.usages == null ? List.of() : form.usages),
                ScepChoices.ALL, error);
    }
}
