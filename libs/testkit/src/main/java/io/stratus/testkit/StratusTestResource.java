package io.stratus.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.stratus.events.ServiceAccount;

/**
 * Quarkus test resource: a real Kafka broker and PostgreSQL (embedded, or Testcontainers with
 * {@code -Dstratus.testcontainers=true}), a database for the service (init arg {@code database},
 * default {@code stratus}) and the JWT verification key of {@link JwtIssuer#forTests()}.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = StratusTestResource.class, initArgs = &#64;ResourceArg(name = "database", value = "ca"))
 * </pre>
 */
public class StratusTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String TESTCONTAINERS_FLAG = "stratus.testcontainers";
    public static final String DATABASE_ARG = "database";

    private String database = "stratus";
    private ServiceAccount account = ServiceAccount.DEVICE_SIMULATOR;

    @Override
    public void init(Map<String, String> initArgs) {
        String db = initArgs.get(DATABASE_ARG);
        if (db != null && !db.isBlank()) {
            database = db.trim();
        }
        account = accountOf(database);
    }

    /** The service whose database this is connects as that service; the simulator has no database. */
    static ServiceAccount accountOf(String database) {
        return switch (database) {
            case "ca" -> ServiceAccount.CA_SERVICE;
            case "enrollment" -> ServiceAccount.ENROLLMENT_SERVICE;
            case "profile" -> ServiceAccount.PROFILE_SERVICE;
            default -> ServiceAccount.DEVICE_SIMULATOR;
        };
    }

    /**
     * Settings for a test's own Kafka clients, which stand in for other services (publish what another service would,
     * read any topic): the broker's administrator.
     */
    public static Map<String, Object> fixtureKafkaConfig() {
        return infra().fixtureClientConfig();
    }

    private static TestInfra infra() {
        return Boolean.getBoolean(TESTCONTAINERS_FLAG) ? ContainerInfra.get() : TestInfra.embedded();
    }

    @Override
    public Map<String, String> start() {
        TestInfra infra = infra();
        infra.createDatabase(database);
        JwtIssuer jwt = JwtIssuer.forTests();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        config.putAll(infra.kafkaUserConfig(account));
        config.put("quarkus.datasource.reactive.url", infra.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        config.put("quarkus.datasource.username", infra.username());
        config.put("quarkus.datasource.password", infra.password());
        config.put("mp.jwt.verify.publickey.location", jwt.publicKeyFile().toString());
        config.put("mp.jwt.verify.issuer", jwt.issuer());
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // Kafka and PostgreSQL are shared by every test class of the JVM; a shutdown hook stops them.
    }
}
