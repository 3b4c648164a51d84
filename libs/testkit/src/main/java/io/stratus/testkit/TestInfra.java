package io.stratus.testkit;

/** Kafka and PostgreSQL as the test resource sees them, whichever way they run. */
interface TestInfra {
    String bootstrapServers();

    /** Creates the database if needed. */
    void createDatabase(String name);

    String jdbcUrl(String db);

    String reactiveUrl(String db);

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
            public void createDatabase(String name) {
                pg.createDatabase(name);
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
