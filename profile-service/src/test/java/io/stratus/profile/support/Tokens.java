package io.stratus.profile.support;

import java.time.Duration;
import java.util.Set;

import io.stratus.testkit.JwtIssuer;

/** Bearer tokens for the RBAC checks. */
public final class Tokens {

    private static final Duration TTL = Duration.ofMinutes(30);

    private Tokens() {
    }

    /** A token with {@code role} for {@code tenant} only. */
    public static String of(String role, String tenant) {
        return JwtIssuer.forTests().token("tester", Set.of(role), Set.of(tenant), TTL);
    }

    /** Every role, every tenant. */
    public static String admin() {
        return JwtIssuer.forTests().adminToken(TTL);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
