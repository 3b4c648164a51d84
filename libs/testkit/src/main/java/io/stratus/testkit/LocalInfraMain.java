package io.stratus.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.stratus.events.ServiceAccount;
import io.stratus.events.Topics;

/**
 * The local stack's infrastructure as one long-running process (started by {@code stratus up}):
 * a persistent Kafka broker (every service's user and ACLs provisioned) and PostgreSQL under {@code --dir}. Prints {@code READY kafka=<bootstrap> postgres=<port>}
 * once both answer, and runs until killed; SIGTERM stops both cleanly.
 *
 * <pre>
 * java -cp ... io.stratus.testkit.LocalInfraMain --dir .stratus --kafka-port 19092 --controller-port 19093 --pg-port 15432
 * </pre>
 * {@code --no-kafka} / {@code --no-postgres} leave one out (an existing one is used instead).
 */
public final class LocalInfraMain {
    /** The databases of the services. */
    public static final List<String> DATABASES = List.of("ca", "enrollment", "profile");

    private LocalInfraMain() {
    }

    record Options(Path dir, int kafkaPort, int controllerPort, int pgPort, boolean kafka, boolean postgres) {
        Options(Path dir, int kafkaPort, int controllerPort, int pgPort) {
            this(dir, kafkaPort, controllerPort, pgPort, true, true);
        }

        static Options parse(String... args) {
            Path dir = Path.of(".stratus");
            int kafka = 19092;
            int controller = 19093;
            int pg = 15432;
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
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (expected --dir, --kafka-port, --controller-port, --pg-port, --no-kafka, --no-postgres)");
                }
            }
            if (!withKafka && !withPostgres) {
                throw new IllegalArgumentException("nothing to run: both --no-kafka and --no-postgres");
            }
            return new Options(dir, kafka, controller, pg, withKafka, withPostgres);
        }

        int[] ports() {
            if (kafka && postgres) {
                return new int[] {kafkaPort, controllerPort, pgPort};
            }
            return kafka ? new int[] {kafkaPort, controllerPort} : new int[] {pgPort};
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
            }
        } catch (RuntimeException e) {
            System.err.println("LocalInfraMain: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("READY kafka=" + (h.kafka != null ? h.kafka.bootstrapServers() : "external")
                + " postgres=" + (h.postgres != null ? String.valueOf(h.postgres.port()) : "external"));
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

        synchronized void close() {
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
