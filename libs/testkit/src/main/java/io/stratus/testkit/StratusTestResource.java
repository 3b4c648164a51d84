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

    /** Prefix of the superuser's credentials, for tests that act as an intruder with every right would. */
    public static final String SUPERUSER = "stratus.testkit.db-superuser.";

    @Override
    public Map<String, String> start() {
        TestInfra infra = infra();
        DatabaseRoles roles = infra.provisionDatabase(database);
        JwtIssuer jwt = JwtIssuer.forTests();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        config.putAll(infra.kafkaUserConfig(account));
        config.put("quarkus.datasource.reactive.url", infra.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        // the service connects as its application role; the owner runs the migrations (docs/security.md)
        config.put("quarkus.datasource.username", roles.app().user());
        config.put("quarkus.datasource.password", roles.app().password());
        config.put("quarkus.flyway.username", roles.owner().user());
        config.put("quarkus.flyway.password", roles.owner().password());
        config.put(SUPERUSER + "username", infra.username());
        config.put(SUPERUSER + "password", infra.password());
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
