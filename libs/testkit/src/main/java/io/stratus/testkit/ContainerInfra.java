package io.stratus.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.Map;

import io.stratus.events.ServiceAccount;
import io.stratus.events.Topics;

/**
 * Kafka and PostgreSQL in containers (Testcontainers), one pair per JVM; used only with
 * {@code -Dstratus.testcontainers=true}. Loaded lazily so that the embedded path never touches Docker classes.
 */
final class ContainerInfra implements TestInfra {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    private static ContainerInfra instance;

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfra(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static synchronized ContainerInfra get() {
        if (instance == null) {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
            if (!docker) {
                throw new IllegalStateException("-Dstratus.testcontainers=true but no Docker engine answers; "
                        + "start Docker (or set DOCKER_HOST) or drop the flag to use the embedded Kafka and PostgreSQL");
            }
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                    .withEnv("KAFKA_NUM_PARTITIONS", "4")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withUsername(Postgres.USER).withPassword(Postgres.PASSWORD).withDatabaseName("postgres");
            kafka.start();
            pg.start();
            KafkaBroker.createTopics(Map.of("bootstrap.servers", kafka.getBootstrapServers()), Topics.allWithDeadLetters(), 4);
            ContainerInfra infra = new ContainerInfra(kafka, pg);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                pg.stop();
            }, "stratus-containers-stop"));
            instance = infra;
        }
        return instance;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    /** The container's broker has no authentication: the services connect in plaintext (their user is unused). */
    @Override
    public Map<String, String> kafkaUserConfig(ServiceAccount account) {
        return Map.of("stratus.kafka.security-protocol", "PLAINTEXT", "stratus.kafka.username", account.principal(),
                "stratus.kafka.password", KafkaCredentials.randomPassword());
    }

    @Override
    public Map<String, Object> fixtureClientConfig() {
        return Map.of("bootstrap.servers", kafka.getBootstrapServers());
    }

    @Override
    public DatabaseRoles provisionDatabase(String name) {
        DatabaseRoles roles = DatabaseRoles.forTests(name);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
            roles.provision(c, db -> DriverManager.getConnection(jdbcUrl(db), username(), password()));
            return roles;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the PostgreSQL container: " + e.getMessage(), e);
        }
    }

    @Override
    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + db;
    }

    @Override
    public String reactiveUrl(String db) {
        return "postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + db;
    }

    @Override
    public String username() {
        return Postgres.USER;
    }

    @Override
    public String password() {
        return Postgres.PASSWORD;
    }
}
