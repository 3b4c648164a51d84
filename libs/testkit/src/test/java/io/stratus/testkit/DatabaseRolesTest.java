package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class DatabaseRolesTest {

    private final Postgres pg = SharedInfra.get().postgres();

    @Test
    void aDatabaseOfOneUserIsTakenOverByItsOwnerAndTheApplicationKeepsItsData() throws Exception {
        // what a local stack from before the two roles holds: everything owned by the superuser
        pg.createDatabase("rolestest");
        try (Connection c = superuser("rolestest"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE item (id bigserial primary key, name text not null)");
            st.execute("CREATE TABLE counted (id bigint generated always as identity, n int)");
            st.execute("CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'no'; END $$");
            st.execute("CREATE TRIGGER item_kept BEFORE DELETE ON item FOR EACH ROW EXECUTE FUNCTION refuse_delete()");
            st.execute("INSERT INTO item (name) VALUES ('before')");
        }
        DatabaseRoles roles = DatabaseRoles.forTests("rolestest");

        pg.provision(roles);
        pg.provision(roles); // every start provisions again

        try (Connection c = superuser("rolestest"); Statement st = c.createStatement();
                ResultSet owners = st.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S')"
                        + " AND pg_get_userbyid(c.relowner) <> 'rolestest_owner'")) {
            assertTrue(owners.next());
            assertEquals(0, owners.getInt(1), "every table and sequence belongs to the owner");
        }
        try (Connection app = connect(roles.app()); Statement st = app.createStatement()) {
            st.execute("INSERT INTO item (name) VALUES ('after')");
            st.execute("INSERT INTO counted (n) VALUES (1)");
            try (ResultSet rows = st.executeQuery("SELECT count(*) FROM item")) {
                assertTrue(rows.next());
                assertEquals(2, rows.getInt(1));
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> st.execute("ALTER TABLE item DISABLE TRIGGER item_kept"));
            assertEquals("42501", refused.getSQLState(), "only the owner alters a table: " + refused.getMessage());
        }
        try (Connection owner = connect(roles.owner()); Statement st = owner.createStatement()) {
            st.execute("CREATE TABLE later (id int primary key)"); // a migration run by the owner
        }
        try (Connection app = connect(roles.app()); Statement st = app.createStatement()) {
            st.execute("INSERT INTO later VALUES (1)"); // the owner's default privileges reach the application
        }
    }

    private Connection superuser(String db) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(db), Postgres.USER, Postgres.PASSWORD);
    }

    private Connection connect(DatabaseRoles.Credentials role) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl("rolestest"), role.user(), role.password());
    }
}
