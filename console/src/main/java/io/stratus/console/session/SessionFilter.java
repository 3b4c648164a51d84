package io.stratus.console.session;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every page needs a session, except signing in; without one, a page redirects to the sign-in page. A change (any
 * method but GET and HEAD) that the browser says comes from another site ({@code Sec-Fetch-Site}) is refused here;
 * each form handler also checks the session's form token ({@code Forms.requireToken}), which a page of another site
 * cannot know.
 */
public class SessionFilter {
    /** The form field every change carries. */
    public static final String FORM_TOKEN = "formToken";
    private static final Set<String> OPEN = Set.of("/signin", "/signin/oidc");

    @Inject
    Sessions sessions;
    @Inject
    SignedIn signedIn;

    @ServerRequestFilter
    public Optional<Response> requireSession(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (OPEN.contains(path)) {
            return Optional.empty();
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        boolean change = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (change && fetchSite != null && !"same-origin".equals(fetchSite)) {
            return Optional.of(Response.status(Response.Status.FORBIDDEN).type("text/plain")
                    .entity("a change must come from the console's own pages").build());
        }
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        Optional<Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            return Optional.of(Response.seeOther(URI.create("/signin")).build());
        }
        signedIn.set(session.get());
        return Optional.empty();
    }
}
