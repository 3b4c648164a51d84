package io.stratus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.stratus.testkit.kafka.KafkaAdminException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code stratus} command. */
@Command(name = "stratus", mixinStandardHelpOptions = true, version = "stratus 0.1.0-SNAPSHOT",
        description = "Stratus PKI on this machine: a real Kafka broker, PostgreSQL, the services and a simulated device fleet.",
        subcommands = {UpCommand.class, StatusCommand.class, TokenCommand.class, DownCommand.class, DemoCommand.class,
                BenchCommand.class, ChaosCommand.class, CaCommand.class, CertCommand.class, AuditCommand.class, DeviceCommand.class, UserCommand.class,
                GroupCommand.class, ProfileCommand.class, AssignmentCommand.class, ReportCommand.class, TopicsCommand.class, SeedCommand.class,
                ConsoleCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of an admin verb the API refused (problem+json). */
    static final int API_ERROR = 2;
    /** Exit code of an admin verb whose service does not answer. */
    static final int UNREACHABLE = 3;
    static final String ENV_KAFKA = "STRATUS_KAFKA_BOOTSTRAP";
    static final String ENV_KAFKA_ADMIN_USER = "STRATUS_KAFKA_ADMIN_USER";
    static final String ENV_KAFKA_ADMIN_PASSWORD = "STRATUS_KAFKA_ADMIN_PASSWORD";
    static final String ENV_DB_URL = "STRATUS_DB_URL";
    static final String ENV_HOME = "STRATUS_HOME";

    static {
        // Kafka and PostgreSQL clients log at INFO through slf4j-simple; the CLI only wants their warnings.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    @Option(names = "--dir", paramLabel = "DIR",
            description = "State directory: pids, logs, keys, data (default: $STRATUS_HOME, else <repository>/.stratus).")
    Path dir;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private Installation installation;

    public Main() {
        this(System.getenv());
    }

    Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit code (for tests and embedding; never calls System.exit). */
    public static int execute(String... args) {
        return run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(env);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof AdminClient.ProblemException p) {
                err.println("stratus: " + p.getMessage());
                err.flush();
                return API_ERROR;
            }
            if (ex instanceof AdminClient.UnreachableException u) {
                err.println("stratus: " + u.getMessage());
                err.flush();
                return UNREACHABLE;
            }
            if (ex instanceof StackException || ex instanceof StratusApi.ApiException || ex instanceof IllegalArgumentException
                    || ex instanceof KafkaAdminException) {
                err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                err.flush();
                return 1;
            }
            throw ex;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new Main(env)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    Map<String, String> env() {
        return env;
    }

    synchronized Installation installation() {
        if (installation == null) {
            installation = Installation.detect(env);
        }
        return installation;
    }

    StackDir stackDir() {
        if (dir != null) {
            return new StackDir(dir);
        }
        String home = env.get(ENV_HOME);
        if (home != null && !home.isBlank()) {
            return new StackDir(Path.of(home));
        }
        return new StackDir(installation().repoRoot().resolve(".stratus"));
    }

    LocalStack stack(PrintWriter progress) {
        return new LocalStack(stackDir(), installation(), env, progress);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
