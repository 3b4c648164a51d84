package io.stratus.console.web;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.ApiProblem;
import io.stratus.console.session.Sessions;
import io.stratus.console.session.SignedIn;

/** Errors as pages: what the API said (its status and detail), or what the console refused itself. */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    /**
     * A refusal the page could not handle itself. An expired or refused token (401) sends the administrator to sign
     * in again; a service that did not answer is a 502.
     */
    @Inject
    Sessions sessions;
    @Inject
    SignedIn signedIn;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem) {
        if (problem.status() == 401) {
            signedIn.current().ifPresent(session -> sessions.close(session.id()));
            return Response.seeOther(URI.create("/signin")).build();
        }
        if (problem.status() >= 500) {
            LOG.warnf("a service call failed: %d %s", problem.status(), problem.detail());
        }
        return page(problem.status(), problem.title(), problem.detail());
    }

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return page(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage());
    }

    private static Response page(int status, String title, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, detail == null ? "" : detail)).build();
    }
}
