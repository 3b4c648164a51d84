package io.stratus.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.ForbiddenException;

import io.stratus.console.session.Session;
import io.stratus.console.session.SignedIn;

/** The tenant of a page: the session's token must name it (the APIs check it again). */
final class Tenants {
    private Tenants() {
    }

    /** The session, if its token may open {@code tenant}; a 403 page otherwise. */
    static Session open(SignedIn signedIn, String tenant) {
        Session session = signedIn.session();
        if (!session.mayOpen(tenant)) {
            throw new ForbiddenException("your token does not give access to tenant " + tenant);
        }
        return session;
    }

    /** A value placed in a URL path, encoded so it stays one segment. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
