package io.stratus.testkit;

import java.util.EnumMap;
import java.util.Map;

import io.stratus.events.ServiceAccount;
import io.stratus.events.Topics;

/**
 * One Kafka broker and one PostgreSQL per JVM, started on first use and stopped by a shutdown hook.
 * Test classes of one module share them; each module gets its own databases via {@link #database(String)}.
 */
public final class SharedInfra {
    private static SharedInfra instance;

    private KafkaBroker kafka;
    private final Map<ServiceAccount, KafkaCredentials> kafkaUsers = new EnumMap<>(ServiceAccount.class);
    private Postgres postgres;

    private SharedInfra() {
    }

    public static synchronized SharedInfra get() {
        if (instance == null) {
            SharedInfra infra = new SharedInfra();
            Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "stratus-shared-infra-stop"));
            instance = infra;
        }
        return instance;
    }

    /** The broker, started on free ports on first call, with the Stratus topics and every service's user created. */
    public synchronized KafkaBroker kafka() {
        if (kafka == null) {
            String running = System.getProperty(RUNNING_KAFKA);
            if (running != null) {
                kafka = KafkaBroker.attach(running, password(KafkaCredentials.ADMIN));
                for (ServiceAccount account : ServiceAccount.values()) {
                    kafkaUsers.put(account, password(account.principal()));
                }
                return kafka;
            }
            KafkaBroker broker = KafkaBroker.startOnFreePorts();
            broker.createTopics(Topics.allWithDeadLetters(), 4);
            System.setProperty(PASSWORD_PREFIX + KafkaCredentials.ADMIN, broker.adminCredentials().password());
            for (ServiceAccount account : ServiceAccount.values()) {
                KafkaCredentials user = KafkaCredentials.random(account.principal());
                broker.provision(account, user);
                kafkaUsers.put(account, user);
                System.setProperty(PASSWORD_PREFIX + account.principal(), user.password());
            }
            System.setProperty(RUNNING_KAFKA, broker.bootstrapServers());
            kafka = broker;
        }
        return kafka;
    }

    /**
     * The test JVM's one broker, for every class loader in it (Quarkus loads this class again per test profile, and a
     * second SASL broker in one JVM cannot authenticate: see {@link KafkaBroker#attach}).
     */
    private static final String RUNNING_KAFKA = "stratus.testkit.kafka.bootstrap";
    private static final String PASSWORD_PREFIX = "stratus.testkit.kafka.password.";

    private static KafkaCredentials password(String user) {
        return new KafkaCredentials(user, System.getProperty(PASSWORD_PREFIX + user));
    }

    /** The user a service under test connects as. */
    public synchronized KafkaCredentials kafkaUser(ServiceAccount account) {
        kafka();
        return kafkaUsers.get(account);
    }

    /** PostgreSQL in a temporary directory, started on first call. */
    public synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = Postgres.start(null, 0, Postgres.Durability.NO_FSYNC);
        }
        return postgres;
    }

    /** Creates (if needed) and returns the name of a database. */
    public String database(String name) {
        postgres().createDatabase(name);
        return name;
    }

    private synchronized void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (RuntimeException e) {
            System.err.println("stratus testkit: Kafka did not stop cleanly: " + e);
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (RuntimeException e) {
            System.err.println("stratus testkit: PostgreSQL did not stop cleanly: " + e);
        }
    }
}
