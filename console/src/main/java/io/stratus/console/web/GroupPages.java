package io.stratus.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
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
import io.stratus.console.api.Backend;
import io.stratus.console.api.Group;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.SignedIn;

/** The tenant's device groups: static (members added) or dynamic (a membership rule), and creating one. */
@Path("/t/{tenant}/groups")
@Produces(MediaType.TEXT_HTML)
public class GroupPages {
    static final List<String> FIELDS = List.of("name", "membershipRule");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page page, List<Group> groups, String name, String rule, FieldError error);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance list(@PathParam("tenant") String tenant) {
        Session session = Tenants.open(signedIn, tenant);
        return page(session, tenant, "", "", FieldError.NONE);
    }

    /** A static group, or a dynamic one when a rule such as {@code device.platform -eq "WINDOWS"} is given. */
    @POST
    public Response create(@PathParam("tenant") String tenant, @FormParam("name") String name,
            @FormParam("membershipRule") String rule, @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Session session = Tenants.open(signedIn, tenant);
        Forms.requireToken(session, formToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name == null || name.isBlank() ? null : name.trim());
        body.put("membershipRule", rule == null || rule.isBlank() ? null : rule.trim());
        return Forms.submit(() -> {
            api.post(Backend.PROFILE, session.token(), Tenants.api(tenant, "groups"), body, Group.class);
            return Response.seeOther(Tenants.page(tenant, "groups")).build();
        }, problem -> page(session, tenant, name, rule, FieldError.of(problem, FIELDS)));
    }

    private TemplateInstance page(Session session, String tenant, String name, String rule, FieldError error) {
        List<Group> groups = api.list(Backend.PROFILE, session.token(), Tenants.api(tenant, "groups") + "?limit=1000",
                Group.class);
        return Templates.list(Page.of("Groups", tenant, session), groups, name == null ? "" : name,
                rule == null ? "" : rule, error);
    }
}
