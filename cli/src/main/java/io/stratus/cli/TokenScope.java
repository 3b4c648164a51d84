package io.stratus.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.stratus.testkit.Roles;
import picocli.CommandLine.Option;

/** {@code --role} and {@code --tenant}: what a token minted by {@code token} or {@code console} may do, and where. */
final class TokenScope {
    private static final Pattern TENANT = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Option(names = "--role", paramLabel = "ROLE", split = ",",
            description = "A role of the token (repeatable): ca.create, ca.manage, ca.read, cert.revoke, profile.manage, profile.read, device.manage, audit.read.")
    List<String> roles;
    @Option(names = "--tenant", paramLabel = "TENANT", split = ",",
            description = "A tenant the token may act on (repeatable); * for every tenant.")
    List<String> tenants;

    /** Whether either option was given. */
    boolean narrowed() {
        return roles != null || tenants != null;
    }

    /** Refuses one option without the other: a scoped token names both what and where. */
    void requireBoth() {
        if (roles == null || tenants == null) {
            throw new IllegalArgumentException("a scoped token needs both --role and --tenant");
        }
    }

    /** The roles named, each one of {@link Roles#ALL}; every role when none is named. */
    Set<String> roles() {
        if (roles == null) {
            return Roles.ALL;
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String role : roles) {
            if (!Roles.ALL.contains(role.trim())) {
                throw new IllegalArgumentException("unknown role '" + role + "'; the roles are " + new TreeSet<>(Roles.ALL));
            }
            checked.add(role.trim());
        }
        return checked;
    }

    /** The tenants named, each a tenant id or {@code *}; every tenant when none is named. */
    Set<String> tenants() {
        if (tenants == null) {
            return Set.of("*");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String tenant : tenants) {
            if (!TENANT.matcher(tenant.trim()).matches()) {
                throw new IllegalArgumentException("'" + tenant + "' is not a tenant id (letters, digits, . _ -; or *)");
            }
            checked.add(tenant.trim());
        }
        return checked;
    }
}
