package io.stratus.console.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.flow.EventFlow;
import io.stratus.console.flow.FlowView;
import io.stratus.console.session.Session;
import io.stratus.console.session.SignedIn;

/**
 * The event flow, live: topics, consumer lag, dead letters, issuance rate and SCEP latency, reloaded every five
 * seconds. It spans every tenant, so only a session for every tenant (a platform operator's) sees it.
 */
@Path("/t/{tenant}/flow")
@Produces(MediaType.TEXT_HTML)
public class FlowPages {
    static final int REFRESH_SECONDS = 5;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance flow(Page page, FlowView flow);
    }

    @Inject
    EventFlow eventFlow;
    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance flow(@PathParam("tenant") String tenant) {
        Session session = Tenants.open(signedIn, tenant);
        if (!session.everyTenant()) {
            throw new ForbiddenException("the event flow spans every tenant: it needs a token for every tenant");
        }
        return Templates.flow(Page.of("Event flow", tenant, session).refreshedEvery(REFRESH_SECONDS), eventFlow.view());
    }
}
