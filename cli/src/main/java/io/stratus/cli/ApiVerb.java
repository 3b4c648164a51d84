package io.stratus.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every verb against a service's REST API shares: the token, the tenant and {@code --json}. {@link AdminVerb}
 * (ca-service) and {@link ProfileVerb} (profile-service) add the service's URL.
 */
abstract class ApiVerb implements Callable<Integer> {
    static final String ENV_TOKEN = "STRATUS_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token (default: $STRATUS_TOKEN, else the local admin token of the stack directory).")
    String token;
    @Option(names = "--tenant", paramLabel = "T", defaultValue = "demo", description = "Tenant (default ${DEFAULT-VALUE}).")
    String tenant;
    @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
    boolean json;

    Main main() {
        return (Main) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The explicit URL, else the environment variable, else the local stack's port of the service. */
    String serviceUrl(String explicit, String envName, Service service) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String env = main().env().get(envName);
        if (env != null && !env.isBlank()) {
            return env;
        }
        StackDir dir = main().stackDir();
        return StackConfig.load(dir.stackFile(), main().env()).orElseGet(StackConfig::defaults).baseUrl(service);
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
