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
 * Every page needs a session, except signing in. Without one, a page redirects to the sign-in page; a change (any
 * method but GET) also needs the session's form token, so that another site cannot make the browser submit one.
 */
public class SessionFilter {
    /** The form field every change carries. */
    public static final String FORM_TOKEN = "formToken";
    private static final Set<String> OPEN = Set.of("/signin");

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
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        Optional<Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            return Optional.of(Response.seeOther(URI.create("/signin")).build());
        }
        signedIn.set(session.get());
        return Optional.empty();
    }
}
