package io.stratus.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every admin verb ({@code ca ...}, {@code cert ...}, {@code audit ...}) shares: the token, the tenant, the
 * ca-service URL and {@code --json}.
 */
abstract class AdminVerb implements Callable<Integer> {
    static final String ENV_TOKEN = "STRATUS_TOKEN";
    static final String ENV_CA_URL = "STRATUS_CA_URL";

    @Spec
    CommandSpec spec;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token (default: $STRATUS_TOKEN, else the local admin token of the stack directory).")
    String token;
    @Option(names = "--tenant", paramLabel = "T", defaultValue = "demo", description = "Tenant (default ${DEFAULT-VALUE}).")
    String tenant;
    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;
    @Option(names = "--ca-url", paramLabel = "URL",
            description = "ca-service base URL (default: $STRATUS_CA_URL, else the local stack's, http://localhost:8081).")
    String caUrl;

    Main main() {
        return (Main) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    AdminClient client() {
        return new AdminClient(baseUrl(), resolveToken(), tenant);
    }

    String baseUrl() {
        if (caUrl != null && !caUrl.isBlank()) {
            return caUrl;
        }
        String env = main().env().get(ENV_CA_URL);
        if (env != null && !env.isBlank()) {
            return env;
        }
        StackDir dir = main().stackDir();
        return StackConfig.load(dir.stackFile(), main().env()).orElseGet(StackConfig::defaults).baseUrl(Service.CA);
    }

    /** {@code --token}, else {@code $STRATUS_TOKEN}, else the local admin token (never a new signing key). */
    String resolveToken() {
        Optional<String> explicit = Optional.ofNullable(token).filter(t -> !t.isBlank())
                .or(() -> Optional.ofNullable(main().env().get(ENV_TOKEN)).filter(t -> !t.isBlank()));
        if (explicit.isPresent()) {
            return explicit.get().trim();
        }
        StackDir dir = main().stackDir();
        if (!Files.isDirectory(dir.jwt())) {
            throw new StackException("no local admin token: " + dir.jwt() + " does not exist; is the stack up? (./stratus up)"
                    + " Or pass --token / set " + ENV_TOKEN);
        }
        return new Secrets(dir).adminToken();
    }

    /** Prints the raw JSON of an answer (one line, as the API sent it). */
    void printJson(AdminClient.Answer a) {
        String text = a.text().strip();
        out().println(text.isEmpty() ? "{}" : text);
        out().flush();
    }

    void print(String text) {
        out().print(text);
        out().flush();
    }
}
