package io.stratus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka, PostgreSQL and the services (reusing whatever already runs) and wait until they are ready.")
final class UpCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--ca-port", paramLabel = "PORT", description = "ca-service port (default 8081)")
    Integer caPort;
    @Option(names = "--enrollment-port", paramLabel = "PORT", description = "enrollment-service (SCEP) port (default 8082)")
    Integer enrollmentPort;
    @Option(names = "--profile-port", paramLabel = "PORT", description = "profile-service port (default 8083)")
    Integer profilePort;
    @Option(names = "--simulator-port", paramLabel = "PORT", description = "device-simulator port (default 8084)")
    Integer simulatorPort;
    @Option(names = "--console-port", paramLabel = "PORT", description = "web console port (default 8085)")
    Integer consolePort;
    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka port (default 19092)")
    Integer kafkaPort;
    @Option(names = "--controller-port", paramLabel = "PORT", description = "Kafka KRaft controller port (default 19093)")
    Integer controllerPort;
    @Option(names = "--pg-port", paramLabel = "PORT", description = "PostgreSQL port (default 15432)")
    Integer pgPort;
    @Option(names = "--free-ports", description = "Use free ports instead of defaults that are taken.")
    boolean freePorts;
    @Option(names = "--replicas", paramLabel = "N",
            description = "Processes of ca-service and of enrollment-service each (default 1, at most 4); replica n listens on the service's port + 100 x (n - 1).")
    Integer replicas;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "240",
            description = "How long to wait for readiness (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    UpRequest request() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        put(ports, Service.CA, caPort);
        put(ports, Service.ENROLLMENT, enrollmentPort);
        put(ports, Service.PROFILE, profilePort);
        put(ports, Service.SIMULATOR, simulatorPort);
        put(ports, Service.CONSOLE, consolePort);
        for (Integer p : new Integer[] {caPort, enrollmentPort, profilePort, simulatorPort, consolePort, kafkaPort, controllerPort, pgPort}) {
            if (p != null && (p < 1 || p > 65535)) {
                throw new IllegalArgumentException("not a port number: " + p);
            }
        }
        if (replicas != null && (replicas < 1 || replicas > Service.MAX_REPLICAS)) {
            throw new IllegalArgumentException("--replicas must be between 1 and " + Service.MAX_REPLICAS);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        return new UpRequest(ports, kafkaPort, controllerPort, pgPort, freePorts, Duration.ofSeconds(timeoutSeconds),
                replicas);
    }

    private static void put(Map<Service, Integer> m, Service s, Integer p) {
        if (p != null) {
            m.put(s, p);
        }
    }

    @Override
    public Integer call() {
        UpRequest request = request();
        LocalStack stack = main.stack(main.out());
        boolean already = stack.fullyRunning() && !request.hasExplicitPorts();
        StackConfig c = stack.up(request);
        PrintWriter out = main.out();
        out.println(already ? "Stratus is already running (state in " + stack.dir().root() + "):"
                : "Stratus is up (state in " + stack.dir().root() + "):");
        printEndpoints(out, c, stack.dir());
        return 0;
    }

    static void printEndpoints(PrintWriter out, StackConfig c, StackDir dir) {
        for (ServiceInstance s : c.instances()) {
            out.printf("  %-19s %s%s%n", s.name(), s.baseUrl(c),
                    s.service() == Service.ENROLLMENT ? "  (SCEP: " + s.baseUrl(c) + "/scep)"
                            : s.service() == Service.CONSOLE ? "  (sign in: `stratus console`)" : "");
        }
        out.printf("  %-19s %s%n", "Kafka", c.kafkaBootstrap());
        out.printf("  %-19s %s (user %s)%n", "PostgreSQL", c.database().display(), c.database().user());
        out.printf("  %-19s `stratus token` (%s)%n", "admin token", dir.adminToken());
        out.printf("  %-19s %s%n", "logs", dir.logs());
        out.flush();
    }
}
