package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void createsDatabasesAndAnswersQueries() throws Exception {
        Postgres pg = SharedInfra.get().postgres();
        pg.createDatabase("pgtest");
        pg.createDatabase("pgtest"); // idempotent
        assertEquals("postgresql://127.0.0.1:" + pg.port() + "/pgtest", pg.reactiveUrl("pgtest"));
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("pgtest"), Postgres.USER, Postgres.PASSWORD);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id int primary key, name text)");
            st.execute("INSERT INTO t VALUES (1, 'stratus')");
            try (ResultSet rs = st.executeQuery("SELECT name, current_database(), current_user FROM t WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("stratus", rs.getString(1));
                assertEquals("pgtest", rs.getString(2));
                assertEquals("postgres", rs.getString(3));
            }
        }
    }

    @Test
    void testsRunWithoutFsyncAndTheLocalStackIsDurable() throws Exception {
        assertEquals("off", setting(SharedInfra.get().postgres(), "fsync"));
        assertEquals("off", setting(SharedInfra.get().postgres(), "synchronous_commit"));
        assertEquals(Postgres.Durability.DURABLE, LocalInfraMain.postgresDurability(),
                "the local stack is durable unless " + LocalInfraMain.NO_FSYNC_VARIABLE + "=1");
    }

    static String setting(Postgres pg, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), Postgres.USER, Postgres.PASSWORD);
                ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
