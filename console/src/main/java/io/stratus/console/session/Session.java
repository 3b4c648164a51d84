package io.stratus.console.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Set;

/**
 * A signed-in administrator: the bearer token the console calls the APIs with (never sent to the browser), what the
 * token allows (for showing only the buttons that would work; the APIs still decide), and the form token that every
 * change must carry.
 */
public record Session(String id, String token, String subject, Set<String> roles, Set<String> tenants,
        String formToken, Instant expiresAt) {

    /** Without the token or the form token, should a session ever be logged. */
    @Override
    public String toString() {
        return "Session[subject=" + subject + ", roles=" + roles + ", tenants=" + tenants + ", expiresAt=" + expiresAt + "]";
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Whether the token names this tenant or every tenant. */
    public boolean mayOpen(String tenant) {
        return tenants.contains("*") || tenants.contains(tenant);
    }

    /** Whether the token is for every tenant: a platform operator's, who may see what spans tenants. */
    public boolean everyTenant() {
        return tenants.contains("*");
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether a submitted form token is this session's, compared in constant time. */
    public boolean formTokenMatches(String submitted) {
        return submitted != null && MessageDigest.isEqual(formToken.getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }
}
