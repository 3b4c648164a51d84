package io.stratus.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.stratus.testkit.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a bearer token for the local stack's APIs. Use: curl -H \"Authorization: Bearer $(stratus token)\" ...",
                "Without options: the saved admin token (every role, every tenant, 12 hours, minted again when it has less than an hour left).",
                "With --role/--tenant: a fresh token with only those roles for only those tenants, not saved."})
final class TokenCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--role", paramLabel = "ROLE", split = ",",
            description = "A role of the token (repeatable): ca.create, ca.manage, ca.read, cert.revoke, profile.manage, profile.read, device.manage, audit.read.")
    List<String> roles;
    @Option(names = "--tenant", paramLabel = "TENANT", split = ",",
            description = "A tenant the token may act on (repeatable); * for every tenant.")
    List<String> tenants;
    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "Lifetime of a --role/--tenant token: 30m, 1h, 8h ... at most 12h (default ${DEFAULT-VALUE}).")
    String ttl;

    static final Duration MAX_TTL = Secrets.TOKEN_TTL;
    private static final Pattern TENANT = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Override
    public Integer call() {
        Secrets secrets = new Secrets(main.stackDir());
        if (roles == null && tenants == null) {
            main.out().println(secrets.adminToken());
            return 0;
        }
        if (roles == null || tenants == null) {
            throw new IllegalArgumentException("a scoped token needs both --role and --tenant");
        }
        main.out().println(secrets.token(checkedRoles(), checkedTenants(), lifetime(ttl)));
        return 0;
    }

    private Set<String> checkedRoles() {
        Set<String> checked = new LinkedHashSet<>();
        for (String role : roles) {
            if (!Roles.ALL.contains(role.trim())) {
                throw new IllegalArgumentException("unknown role '" + role + "'; the roles are " + new java.util.TreeSet<>(Roles.ALL));
            }
            checked.add(role.trim());
        }
        return checked;
    }

    private Set<String> checkedTenants() {
        Set<String> checked = new LinkedHashSet<>();
        for (String tenant : tenants) {
            if (!TENANT.matcher(tenant.trim()).matches()) {
                throw new IllegalArgumentException("'" + tenant + "' is not a tenant id (letters, digits, . _ -; or *)");
            }
            checked.add(tenant.trim());
        }
        return checked;
    }

    /** {@code 30m}, {@code 1h}, {@code 90s}: positive and at most {@link #MAX_TTL}. */
    static Duration lifetime(String text) {
        Duration d;
        try {
            d = Duration.parse("PT" + text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl '" + text + "' is not a duration like 30m, 1h or 8h");
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("--ttl must be more than 0 and at most " + MAX_TTL.toHours() + "h");
        }
        return d;
    }
}
