package io.stratus.platform.security;

import java.util.Collection;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Which tenants a bearer token may act on: those in its {@code tenants} claim, or all with {@code *}. */
public final class TenantAccess {

    public static final String TENANTS_CLAIM = "tenants";
    public static final String ALL_TENANTS = "*";

    private TenantAccess() {
    }

    public static boolean allows(JsonWebToken token, String tenant) {
        Object claim = token.getClaim(TENANTS_CLAIM);
        if (!(claim instanceof Collection<?> tenants)) {
            return false;
        }
        return tenants.stream().map(TenantAccess::unquote).anyMatch(t -> t.equals(ALL_TENANTS) || t.equals(tenant));
    }

    /** SmallRye returns JSON strings, whose toString may carry quotes. */
    private static String unquote(Object value) {
        String text = String.valueOf(value);
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1)
                : text;
    }
}
