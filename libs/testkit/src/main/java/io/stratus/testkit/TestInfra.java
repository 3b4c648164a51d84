package io.stratus.testkit;

import java.util.Map;

import io.stratus.events.ServiceAccount;

/** Kafka and PostgreSQL as the test resource sees them, whichever way they run. */
interface TestInfra {
    String bootstrapServers();

    /** The service's Kafka user: {@code stratus.kafka.*} settings for the application under test. */
    Map<String, String> kafkaUserConfig(ServiceAccount account);

    /** Settings for the tests' own clients, which stand in for any service. */
    Map<String, Object> fixtureClientConfig();

    /** Creates the database and its owner and application roles if needed ({@link DatabaseRoles#forTests}). */
    DatabaseRoles provisionDatabase(String name);

    String jdbcUrl(String db);

    String reactiveUrl(String db);

    /** The server's superuser, for tests that act as an intruder with every right would. */
    String username();

    String password();

    /** The in-process broker and embedded PostgreSQL of {@link SharedInfra}. */
    static TestInfra embedded() {
        SharedInfra shared = SharedInfra.get();
        KafkaBroker kafka = shared.kafka();
        Postgres pg = shared.postgres();
        return new TestInfra() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public Map<String, String> kafkaUserConfig(ServiceAccount account) {
                KafkaCredentials user = shared.kafkaUser(account);
                return Map.of("stratus.kafka.security-protocol", "SASL_PLAINTEXT",
                        "stratus.kafka.username", user.username(), "stratus.kafka.password", user.password());
            }

            @Override
            public Map<String, Object> fixtureClientConfig() {
                return kafka.adminCredentials().clientConfig(kafka.bootstrapServers());
            }

            @Override
            public DatabaseRoles provisionDatabase(String name) {
                DatabaseRoles roles = DatabaseRoles.forTests(name);
                pg.provision(roles);
                return roles;
            }

            @Override
            public String jdbcUrl(String db) {
                return pg.jdbcUrl(db);
            }

            @Override
            public String reactiveUrl(String db) {
                return pg.reactiveUrl(db);
            }

            @Override
            public String username() {
                return pg.username();
            }

            @Override
            public String password() {
                return pg.password();
            }
        };
    }
}
