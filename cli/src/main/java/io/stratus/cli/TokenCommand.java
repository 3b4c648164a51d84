package io.stratus.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a bearer token for the local stack's APIs. Use: curl -H \"Authorization: Bearer $(stratus token)\" ...",
                "Without options: the saved admin token (every role, every tenant, 12 hours, minted again when it has less than an hour left).",
                "With --role/--tenant: a fresh token with only those roles for only those tenants, not saved."})
final class TokenCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    TokenScope scope;
    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "Lifetime of a --role/--tenant token: 30m, 1h, 8h ... at most 12h (default ${DEFAULT-VALUE}).")
    String ttl;

    static final Duration MAX_TTL = Secrets.TOKEN_TTL;

    @Override
    public Integer call() {
        Secrets secrets = new Secrets(main.stackDir());
        if (!scope.narrowed()) {
            main.out().println(secrets.adminToken());
            return 0;
        }
        scope.requireBoth();
        main.out().println(secrets.token(scope.roles(), scope.tenants(), lifetime(ttl)));
        return 0;
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
