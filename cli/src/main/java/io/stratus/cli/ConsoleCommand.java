package io.stratus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.stratus.testkit.SecretFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Print a one-time link that signs a browser in to the local stack's web console.",
                "The link works once, within five minutes; it opens a console session of at most eight hours.",
                "Without options the session has every role on every tenant (the local administrator);",
                "with --role/--tenant only those, e.g. a read-only session: --role ca.read,profile.read --tenant demo."})
final class ConsoleCommand implements Callable<Integer> {
    /** How long a sign-in link works. */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);
    /** The token behind a console session; the console ends the session with it. */
    static final Duration SESSION_TOKEN_LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParentCommand
    Main main;

    @Option(names = "--url", description = "Print only the link (for scripts).")
    boolean urlOnly;
    @Mixin
    TokenScope scope;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = main.stack(main.out());
        StackConfig config = stack.config().orElseThrow(() -> new StackException("no local stack here: run `stratus up` first"));
        if (!stack.probe(new ServiceInstance(Service.CONSOLE, 1).name()).running()) {
            throw new StackException("the console is not running: run `stratus up`");
        }
        Secrets secrets = new Secrets(stack.dir());
        String token = secrets.consoleToken(scope.roles(), scope.tenants(), SESSION_TOKEN_LIFETIME);
        String link = config.baseUrl(Service.CONSOLE) + "/signin?code=" + grant(stack.dir(), token);
        if (urlOnly) {
            main.out().println(link);
        } else {
            main.out().println("Open this link in a browser to sign in to the Stratus console"
                    + (scope.narrowed() ? "" : " as the local administrator") + ":");
            main.out().println("  " + link);
            main.out().println("It works once, within " + LINK_LIFETIME.toMinutes() + " minutes. Run `stratus console` again for another.");
        }
        return 0;
    }

    /**
     * Leaves the token for the console under a fresh random code (the file is named by the code's SHA-256, the
     * console's SignInCodes reads it) and returns the code.
     */
    static String grant(StackDir dir, String token) throws Exception {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(code.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("token", token);
        grant.put("expiresAt", Instant.now().plus(LINK_LIFETIME).toString());
        SecretFiles.write(dir.consoleSignIn().resolve(name), Json.MAPPER.writeValueAsString(grant));
        removeExpired(dir.consoleSignIn());
        return code;
    }

    /** Links nobody opened in time: their files go (the console refuses them anyway). */
    private static void removeExpired(Path signInDir) throws IOException {
        Instant cutoff = Instant.now().minus(LINK_LIFETIME);
        try (Stream<Path> files = Files.list(signInDir)) {
            for (Path file : files.toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(file);
                    }
                } catch (NoSuchFileException claimed) {
                    // the console took it meanwhile
                }
            }
        }
    }
}
