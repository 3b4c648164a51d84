package io.stratus.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The two PostgreSQL roles of a service's database. The owner ({@code <db>_owner}) owns the database and every object
 * in it and runs the migrations (Flyway). The application's role ({@code <db>_app}) is what the service connects as:
 * it gets the data rights that the owner's default privileges grant, less what a migration takes back (ca-service's
 * audit tables), and can neither change the schema nor turn a trigger off (docs/security.md).
 */
public record DatabaseRoles(String database, Credentials owner, Credentials app) {

    /** A login role and its password (letters, digits, '-' and '_' only: it needs no quoting). */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + "]";
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    public DatabaseRoles {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        for (Credentials role : new Credentials[] {owner, app}) {
            if (!NAME.matcher(role.user()).matches() || !PASSWORD.matcher(role.password()).matches()) {
                throw new IllegalArgumentException("not a plain role name and password: " + role.user());
            }
        }
    }

    /** The roles of {@code database} with their passwords from {@code dir} ({@code <role>.password}, 0600), created on first use. */
    public static DatabaseRoles loadOrCreate(Path dir, String database) {
        return new DatabaseRoles(database, load(dir, database + "_owner"), load(dir, database + "_app"));
    }

    /** The tests' roles: fixed passwords, so every test application of one JVM agrees on them. */
    public static DatabaseRoles forTests(String database) {
        return new DatabaseRoles(database, new Credentials(database + "_owner", "stratus-test-owner-" + database),
                new Credentials(database + "_app", "stratus-test-app-" + database));
    }

    private static Credentials load(Path dir, String user) {
        return new Credentials(user, SecretFiles.readOrCreate(dir.resolve(user + ".password"),
                KafkaCredentials::randomPassword));
    }

    /**
     * Creates or updates the roles and the database through a superuser's connection to another database of the
     * server; then, connected to the database itself as superuser ({@code inDatabase}), hands the schema to the owner,
     * grants the application its rights on what the owner creates, and moves to the owner whatever an earlier
     * single-user setup left owned by someone else (granting the application its rights on that once).
     */
    public void provision(Connection server, SqlConnector inDatabase) {
        try {
            ensureRole(server, owner);
            ensureRole(server, app);
            if (exists(server, database)) {
                execute(server, "ALTER DATABASE " + database + " OWNER TO " + owner.user());
            } else {
                try {
                    execute(server, "CREATE DATABASE " + database + " OWNER " + owner.user());
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                        throw e;
                    }
                }
            }
            try (Connection db = inDatabase.connect(database)) {
                execute(db, "ALTER SCHEMA public OWNER TO " + owner.user());
                execute(db, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                execute(db, "GRANT USAGE ON SCHEMA public TO " + app.user());
                execute(db, "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner.user() + " IN SCHEMA public"
                        + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app.user());
                execute(db, "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner.user() + " IN SCHEMA public"
                        + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + app.user());
                if (adoptObjectsOfOthers(db)) {
                    execute(db, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + app.user());
                    execute(db, "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + app.user());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up database " + database + " and its roles: " + e.getMessage(), e);
        }
    }

    /** Opens a superuser's connection to a database of the server. */
    @FunctionalInterface
    public interface SqlConnector {
        Connection connect(String database) throws SQLException;
    }

    /** Gives the owner the tables, sequences, views and functions in public owned by another role; true if any. */
    private boolean adoptObjectsOfOthers(Connection db) throws SQLException {
        boolean adopted = false;
        try (PreparedStatement relations = db.prepareStatement("SELECT c.relname, c.relkind FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                + " AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND pg_get_userbyid(c.relowner) <> ?"
                // a sequence of a serial or identity column belongs to its table and moves with it
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                + " AND d.objid = c.oid AND d.deptype IN ('a', 'i'))")) {
            relations.setString(1, owner.user());
            try (ResultSet rows = relations.executeQuery()) {
                while (rows.next()) {
                    String kind = switch (rows.getString(2)) {
                        case "S" -> "SEQUENCE";
                        case "v" -> "VIEW";
                        case "m" -> "MATERIALIZED VIEW";
                        default -> "TABLE";
                    };
                    execute(db, "ALTER " + kind + " public." + quoted(rows.getString(1)) + " OWNER TO " + owner.user());
                    adopted = true;
                }
            }
        }
        try (PreparedStatement functions = db.prepareStatement("SELECT p.oid::regprocedure::text FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
                + " AND pg_get_userbyid(p.proowner) <> ?")) {
            functions.setString(1, owner.user());
            try (ResultSet rows = functions.executeQuery()) {
                while (rows.next()) {
                    execute(db, "ALTER FUNCTION " + rows.getString(1) + " OWNER TO " + owner.user());
                    adopted = true;
                }
            }
        }
        return adopted;
    }

    /** An identifier as SQL quotes it, whatever characters it holds. */
    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void ensureRole(Connection server, Credentials role) throws SQLException {
        boolean exists;
        try (PreparedStatement query = server.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role.user());
            try (ResultSet rows = query.executeQuery()) {
                exists = rows.next();
            }
        }
        String password = "'" + role.password() + "'";
        if (exists) {
            execute(server, "ALTER ROLE " + role.user() + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD " + password);
        } else {
            try {
                execute(server, "CREATE ROLE " + role.user() + " LOGIN PASSWORD " + password);
            } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) { // duplicate_object: created concurrently
                    throw e;
                }
            }
        }
    }

    private static boolean exists(Connection server, String database) throws SQLException {
        try (PreparedStatement query = server.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
