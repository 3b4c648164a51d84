package io.stratus.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import java.net.URI;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import io.stratus.console.session.Session;
import io.stratus.console.session.SignedIn;

/** The tenant of a page: a tenant id, which the session's token must name (the APIs check it again). */
final class Tenants {
    /** A tenant id as the APIs and the CLI accept it; such an id needs no encoding in a path. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Tenants() {
    }

    /** The session, if {@code tenant} is a tenant id its token may open; a 404 or 403 page otherwise. */
    static Session open(SignedIn signedIn, String tenant) {
        Session session = signedIn.session();
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new NotFoundException("'" + tenant + "' is not a tenant id");
        }
        if (!session.mayOpen(tenant)) {
            throw new ForbiddenException("your token does not give access to tenant " + tenant);
        }
        return session;
    }

    /**
     * A value placed in a URL path, encoded so it stays one segment; an empty value, {@code .} or {@code ..} (which
     * would name another path) is a 400.
     */
    static String segment(String value) {
        if (value == null || value.isBlank() || value.equals(".") || value.equals("..")) {
            throw new BadRequestException("'" + value + "' is not an id");
        }
        return encoded(value);
    }

    /** A path of the tenant's API, {@code /api/v1/tenants/{tenant}/{parts...}}, each part one encoded segment. */
    static String api(String tenant, String... parts) {
        return "/api/v1/tenants/" + path(tenant, parts);
    }

    /** A console page of the tenant, {@code /t/{tenant}/{parts...}}, as a redirect's location. */
    static URI page(String tenant, String... parts) {
        return URI.create("/t/" + path(tenant, parts));
    }

    private static String path(String tenant, String... parts) {
        StringBuilder path = new StringBuilder(segment(tenant));
        for (String part : parts) {
            path.append('/').append(segment(part));
        }
        return path.toString();
    }

    /** A value placed in a URL's query string. */
    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
