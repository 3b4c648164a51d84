package io.stratus.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.Assignment;
import io.stratus.console.api.Backend;
import io.stratus.console.api.Group;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.SignedIn;

/** Assigning a profile to groups, with groups to exclude; then its deployment report. */
@Path("/t/{tenant}/assignments")
@Produces(MediaType.TEXT_HTML)
public class AssignmentPages {
    static final List<String> FIELDS = List.of("profileId", "includeGroupIds", "excludeGroupIds");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance assign(Page page, String profileId, List<Group> groups,
                List<Assignment> existing, FieldError error);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    @Path("new")
    public TemplateInstance assign(@PathParam("tenant") String tenant, @QueryParam("profile") String profileId) {
        Session session = Tenants.open(signedIn, tenant);
        return page(session, tenant, profileId, FieldError.NONE);
    }

    @POST
    public Response create(@PathParam("tenant") String tenant, @FormParam("profileId") String profileId,
            @FormParam("include") List<String> include, @FormParam("exclude") List<String> exclude,
            @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profileId", profileId);
        body.put("includeGroupIds", include == null ? List.of() : include);
        body.put("excludeGroupIds", exclude == null ? List.of() : exclude);
        return Forms.submit(() -> {
            api.post(Backend.PROFILE, session.token(), Tenants.api(tenant, "assignments"), body, Assignment.class);
            return Response.seeOther(Tenants.page(tenant, "profiles", profileId, "report")).build();
        }, problem -> page(session, tenant, profileId, FieldError.of(problem, FIELDS)));
    }

    private TemplateInstance page(Session session, String tenant, String profileId, FieldError error) {
        if (profileId == null || profileId.isBlank()) {
            throw new BadRequestException("which profile? open this page from a profile");
        }
        List<Group> groups = api.list(Backend.PROFILE, session.token(), Tenants.api(tenant, "groups") + "?limit=1000",
                Group.class);
        List<Assignment> existing = api.list(Backend.PROFILE, session.token(), Tenants.api(tenant, "assignments"),
                Assignment.class).stream().filter(a -> profileId.equals(a.profileId())).toList();
        return Templates.assign(Page.of("Assign the profile", tenant, session), profileId, groups, existing, error);
    }
}
