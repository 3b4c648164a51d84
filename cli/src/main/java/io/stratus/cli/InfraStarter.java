package io.stratus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.stratus.events.Topics;
import org.apache.kafka.clients.admin.Admin;

import io.stratus.testkit.KafkaAccess;
import io.stratus.testkit.KafkaBroker;
import io.stratus.testkit.KafkaCredentials;
import io.stratus.testkit.LocalInfraMain;
import io.stratus.testkit.Postgres;

/** Makes Kafka and PostgreSQL available: the local {@code LocalInfraMain} process, or existing ones. */
final class InfraStarter {
    /** How long an orphaned PostgreSQL gets for a fast shutdown before it is terminated. */
    private static final Duration ORPHAN_FAST_SHUTDOWN = Duration.ofSeconds(30);

    private final StackDir dir;
    private final Installation installation;
    private final PrintWriter out;

    InfraStarter(StackDir dir, Installation installation, PrintWriter out) {
        this.dir = dir;
        this.installation = installation;
        this.out = out;
    }

    void ensure(StackConfig c, LocalStack.ProcessStatus infra, Duration timeout) {
        if (c.needsInfra()) {
            if (infra.running()) {
                out.println("infra already running (pid " + infra.pid() + "): " + describe(c));
            } else {
                start(c, timeout);
            }
        }
        if (c.externalKafka() != null) {
            out.println("Using Kafka at " + c.externalKafka() + " (STRATUS_KAFKA_BOOTSTRAP)");
            provisionExternalKafka(c.externalKafka(), externalKafkaAdmin(System.getenv()));
        }
        if (c.externalDb() != null) {
            out.println("Using PostgreSQL at " + c.externalDb().display() + " (STRATUS_DB_URL)");
            createDatabases(c.externalDb());
        }
    }

    /**
     * An existing broker takes SASL/SCRAM like the local one: its administrator ({@value Main#ENV_KAFKA_ADMIN_USER},
     * default {@value KafkaCredentials#ADMIN}, and {@value Main#ENV_KAFKA_ADMIN_PASSWORD}) creates the topics and each
     * service's user with the stack's password and ACLs.
     */
    static KafkaCredentials externalKafkaAdmin(java.util.Map<String, String> env) {
        String password = env.get(Main.ENV_KAFKA_ADMIN_PASSWORD);
        if (password == null || password.isBlank()) {
            throw new StackException(Main.ENV_KAFKA + " needs " + Main.ENV_KAFKA_ADMIN_PASSWORD
                    + ": the password of a Kafka super user (SCRAM-SHA-512) that creates the topics and the services' users");
        }
        String user = env.getOrDefault(Main.ENV_KAFKA_ADMIN_USER, KafkaCredentials.ADMIN);
        try {
            return new KafkaCredentials(user, password.trim());
        } catch (IllegalArgumentException e) {
            throw new StackException(Main.ENV_KAFKA_ADMIN_USER + "/" + Main.ENV_KAFKA_ADMIN_PASSWORD + ": " + e.getMessage());
        }
    }

    private void provisionExternalKafka(String bootstrap, KafkaCredentials admin) {
        Secrets secrets = new Secrets(dir);
        try (Admin client = Admin.create(admin.clientConfig(bootstrap))) {
            KafkaBroker.createTopics(admin.clientConfig(bootstrap), Topics.allWithDeadLetters(), 4);
            for (Service service : java.util.Arrays.stream(Service.values()).filter(Service::onTheBus).toList()) {
                KafkaAccess.provision(client, service.kafkaAccount(), secrets.kafkaUser(service));
            }
        } catch (RuntimeException e) {
            throw new StackException("Kafka at " + bootstrap + " (" + Main.ENV_KAFKA + ") refused us: " + e.getMessage(), e);
        }
    }

    /**
     * The consumer lag metrics' port: 19094 beside the default ports, any free one beside chosen ports (where the port
     * after the controller's may be one of the others).
     */
    static int lagMetricsPort(StackConfig c) {
        return c.controllerPort() == StackConfig.DEFAULT_CONTROLLER_PORT ? DEFAULT_LAG_METRICS_PORT : 0;
    }

    static final int DEFAULT_LAG_METRICS_PORT = 19094;

    private static String describe(StackConfig c) {
        List<String> parts = new ArrayList<>();
        if (c.externalKafka() == null) {
            parts.add("Kafka " + c.kafkaBootstrap());
        }
        if (c.externalDb() == null) {
            parts.add("PostgreSQL " + c.database().display());
        }
        return String.join(", ", parts);
    }

    private void start(StackConfig c, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("-cp", installation.classpath(), LocalInfraMain.class.getName(),
                "--dir", dir.root().toString()));
        if (c.externalKafka() == null) {
            LocalStack.requireFree(c.kafkaPort(), "Kafka", "--kafka-port");
            LocalStack.requireFree(c.controllerPort(), "the Kafka controller", "--controller-port");
            args.addAll(List.of("--kafka-port", String.valueOf(c.kafkaPort()), "--controller-port", String.valueOf(c.controllerPort()),
                    "--lag-metrics-port", String.valueOf(lagMetricsPort(c))));
        } else {
            args.add("--no-kafka");
        }
        if (c.externalDb() == null) {
            killOrphanPostgres(dir).ifPresent(pid -> out.println("Stopped PostgreSQL (pid " + pid
                    + ") that a previous infra process left running on " + dir.postgresData()));
            LocalStack.requireFree(c.pgPort(), "PostgreSQL", "--pg-port");
            args.addAll(List.of("--pg-port", String.valueOf(c.pgPort())));
        } else {
            args.add("--no-postgres");
        }
        long pid = new ProcessLauncher(dir).start(StackDir.INFRA, installation.javaBinary(), List.of("-Xmx768m"), args, java.util.Map.of());
        out.println("Started infra (pid " + pid + "): " + describe(c) + ", log " + dir.log(StackDir.INFRA));
        out.flush();
        awaitReadyLine(pid, timeout);
    }

    /** Waits for {@code READY} in the infra log. */
    private void awaitReadyLine(long pid, Duration timeout) {
        Path log = dir.log(StackDir.INFRA);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (readyLine(log)) {
                out.printf("infra ready (%.1f s)%n", (System.nanoTime() - start) / 1e9);
                dir.lagMetricsUrl().ifPresent(url -> out.println("consumer lag metrics (Prometheus) " + url));
                return;
            }
            if (!Procs.alive(pid)) {
                PidFile.delete(dir.pidFile(StackDir.INFRA));
                throw new StackException("Kafka/PostgreSQL (infra) exited during startup\n" + ProcessLauncher.tail(log, 40));
            }
            sleep(200);
        }
        throw new StackException("Kafka/PostgreSQL (infra) not ready after " + timeout.toSeconds() + " s (still running as pid "
                + pid + "; `stratus down` stops it)\n" + ProcessLauncher.tail(log, 40));
    }

    private static boolean readyLine(Path log) {
        try {
            return Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("READY "));
        } catch (IOException e) {
            return false;
        }
    }

    private static void createDatabases(DbUrl db) {
        try (Connection conn = DriverManager.getConnection(db.jdbcUrl("postgres"), db.user(), db.password())) {
            for (String name : LocalInfraMain.DATABASES) {
                Postgres.createDatabase(conn, name);
            }
        } catch (SQLException | RuntimeException e) {
            throw new StackException("PostgreSQL at " + db.display() + " (STRATUS_DB_URL) refused us: " + e.getMessage(), e);
        }
    }

    /**
     * After the infra process died without stopping it (SIGKILL, crash), its PostgreSQL (a separate process tree
     * started by pg_ctl) may still run: stop it if {@code postmaster.pid} names a live postgres on this stack's data
     * directory. Fast shutdown (SIGINT: open sessions are ended, the data is checkpointed), SIGTERM and SIGKILL after.
     */
    static Optional<Long> killOrphanPostgres(StackDir dir) {
        OptionalLong pid = postmasterPid(dir);
        if (pid.isPresent()) {
            Procs.signal(pid.getAsLong(), "INT");
            if (!Procs.awaitExit(pid.getAsLong(), ORPHAN_FAST_SHUTDOWN)) {
                Procs.terminate(pid.getAsLong(), Duration.ofSeconds(10));
            }
            return Optional.of(pid.getAsLong());
        }
        return Optional.empty();
    }


    /** The live postgres that {@code postmaster.pid} names on this stack's data directory, if any. */
    static OptionalLong postmasterPid(StackDir dir) {
        Path pidFile = dir.postgresData().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        OptionalLong pid = firstLine(pidFile);
        return pid.isPresent() && Procs.mentions(pid.getAsLong(), "postgres", dir.postgresData().toString()) ? pid
                : OptionalLong.empty();
    }

    private static OptionalLong firstLine(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return OptionalLong.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }
}
