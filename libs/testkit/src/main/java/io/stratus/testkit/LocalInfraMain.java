package io.stratus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.stratus.events.ServiceAccount;
import io.stratus.events.Topics;
import io.stratus.testkit.kafka.ConsumerLagMetrics;

/**
 * The local stack's infrastructure as one long-running process (started by {@code stratus up}):
 * a persistent Kafka broker (every service's user and ACLs provisioned) and PostgreSQL under {@code --dir}, and with
 * {@code --lag-metrics-port} the consumer lag as Prometheus metrics. Prints {@code READY kafka=<bootstrap> postgres=<port>}
 * once both answer, and runs until killed; SIGTERM stops both cleanly.
 *
 * <pre>
 * java -cp ... io.stratus.testkit.LocalInfraMain --dir .stratus --kafka-port 19092 --controller-port 19093 --pg-port 15432 \
 *     --lag-metrics-port 19094
 * </pre>
 * {@code --no-kafka} / {@code --no-postgres} leave one out (an existing one is used instead).
 */
public final class LocalInfraMain {
    /** The databases of the services. */
    public static final List<String> DATABASES = List.of("ca", "enrollment", "profile");

    private LocalInfraMain() {
    }

    /**
     * {@code lagMetricsPort}: where the consumer lag is served as Prometheus metrics ({@link ConsumerLagMetrics}); 0
     * for any free port (also taken when the one asked for is in use), -1 for nowhere.
     */
    record Options(Path dir, int kafkaPort, int controllerPort, int pgPort, boolean kafka, boolean postgres,
            int lagMetricsPort) {
        Options(Path dir, int kafkaPort, int controllerPort, int pgPort) {
            this(dir, kafkaPort, controllerPort, pgPort, true, true, -1);
        }

        static Options parse(String... args) {
            Path dir = Path.of(".stratus");
            int kafka = 19092;
            int controller = 19093;
            int pg = 15432;
            int lagMetrics = -1;
            boolean withKafka = true;
            boolean withPostgres = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-kafka")) {
                    withKafka = false;
                    continue;
                }
                if (a.equals("--no-postgres")) {
                    withPostgres = false;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--dir" -> dir = Path.of(v);
                    case "--kafka-port" -> kafka = port(a, v);
                    case "--controller-port" -> controller = port(a, v);
                    case "--pg-port" -> pg = port(a, v);
                    case "--lag-metrics-port" -> lagMetrics = "0".equals(v) ? 0 : port(a, v);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (expected --dir, --kafka-port,"
                            + " --controller-port, --pg-port, --lag-metrics-port, --no-kafka, --no-postgres)");
                }
            }
            if (!withKafka && !withPostgres) {
                throw new IllegalArgumentException("nothing to run: both --no-kafka and --no-postgres");
            }
            if (!withKafka) {
                lagMetrics = -1;
            }
            return new Options(dir, kafka, controller, pg, withKafka, withPostgres, lagMetrics);
        }

        int[] ports() {
            IntStream.Builder ports = IntStream.builder();
            if (kafka) {
                ports.add(kafkaPort).add(controllerPort);
            }
            if (postgres) {
                ports.add(pgPort);
            }
            return ports.build().toArray();
        }

        private static int port(String name, String value) {
            try {
                int p = Integer.parseInt(value);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, got " + value);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaLogging.quiet();
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LocalInfraMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        for (int port : o.ports()) {
            if (!Ports.bindable(port)) {
                System.err.println("LocalInfraMain: port " + port + " is in use");
                System.exit(3);
            }
        }
        Path dir = o.dir().toAbsolutePath();
        CountDownLatch stopped = new CountDownLatch(1);
        Holder h = new Holder();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            h.close();
            stopped.countDown();
        }, "stratus-infra-stop"));
        try {
            if (o.postgres()) {
                Postgres.Durability durability = postgresDurability();
                System.out.println("PostgreSQL durability: " + durability);
                h.postgres = Postgres.start(dir.resolve("postgres"), o.pgPort(), durability);
                for (String database : DATABASES) {
                    h.postgres.provision(DatabaseRoles.loadOrCreate(databasePasswords(dir), database));
                }
            }
            if (o.kafka()) {
                h.kafka = KafkaBroker.start(dir.resolve("kafka"), o.kafkaPort(), o.controllerPort());
                h.kafka.createTopics(Topics.allWithDeadLetters(), 4);
                for (ServiceAccount account : ServiceAccount.values()) {
                    h.kafka.provision(account, KafkaCredentials.loadOrCreate(kafkaPasswords(dir), account.principal()));
                }
                if (o.lagMetricsPort() >= 0) {
                    int port = o.lagMetricsPort() > 0 && Ports.bindable(o.lagMetricsPort()) ? o.lagMetricsPort() : 0;
                    h.lagMetrics = ConsumerLagMetrics.serve(port, h.kafka::admin, Topics.allWithDeadLetters());
                    h.lagMetricsUrlFile = lagMetricsUrlFile(dir);
                    Files.writeString(h.lagMetricsUrlFile, "http://127.0.0.1:" + h.lagMetrics.port() + "/metrics\n");
                }
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("LocalInfraMain: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("READY kafka=" + (h.kafka != null ? h.kafka.bootstrapServers() : "external")
                + " postgres=" + (h.postgres != null ? String.valueOf(h.postgres.port()) : "external")
                + (h.lagMetrics != null ? " lag-metrics=http://127.0.0.1:" + h.lagMetrics.port() + "/metrics" : ""));
        System.out.flush();
        stopped.await();
    }

    /**
     * Where the services' Kafka passwords live ({@code <stack dir>/keys/kafka/<user>.password}, mode 0600): created
     * by whichever of {@code stratus up} and this process comes first, applied to the broker at every start.
     */
    public static Path kafkaPasswords(Path stackDir) {
        return stackDir.resolve("keys").resolve("kafka");
    }

    /**
     * Where the passwords of the services' database roles live ({@code <stack dir>/keys/db/<role>.password}, mode
     * 0600): created by whichever of {@code stratus up} and this process comes first, applied at every start.
     */
    public static Path databasePasswords(Path stackDir) {
        return stackDir.resolve("keys").resolve("db");
    }

    /** Holds the URL of the consumer lag metrics while this process serves them ({@code --lag-metrics-port}). */
    public static Path lagMetricsUrlFile(Path stackDir) {
        return stackDir.resolve("lag-metrics.url");
    }

    /**
     * Durable (PostgreSQL's defaults), unless {@value #NO_FSYNC_VARIABLE}=1 asks for the settings of the tests, which
     * can lose the last commits when the machine crashes: for comparing benchmarks only.
     */
    static Postgres.Durability postgresDurability() {
        return "1".equals(System.getenv(NO_FSYNC_VARIABLE)) ? Postgres.Durability.NO_FSYNC : Postgres.Durability.DURABLE;
    }

    static final String NO_FSYNC_VARIABLE = "STRATUS_PG_NO_FSYNC";

    private static final class Holder {
        volatile KafkaBroker kafka;
        volatile Postgres postgres;
        volatile ConsumerLagMetrics lagMetrics;
        volatile Path lagMetricsUrlFile;

        synchronized void close() {
            if (lagMetrics != null) {
                lagMetrics.close();
                lagMetrics = null;
            }
            if (lagMetricsUrlFile != null) {
                try {
                    Files.deleteIfExists(lagMetricsUrlFile);
                } catch (IOException e) {
                    System.err.println("cannot remove " + lagMetricsUrlFile + ": " + e);
                }
                lagMetricsUrlFile = null;
            }
            if (kafka != null) {
                try {
                    kafka.close();
                } catch (RuntimeException e) {
                    System.err.println("Kafka did not stop cleanly: " + e);
                }
                kafka = null;
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (RuntimeException e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e);
                }
                postgres = null;
            }
        }
    }
}
