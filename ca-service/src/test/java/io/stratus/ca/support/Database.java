package io.stratus.ca.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;

import io.stratus.testkit.StratusTestResource;

/** Direct JDBC access to ca-service's database, to look at rows or simulate a crash or an operator change. */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** A connection as the server's superuser, for tests that act as an intruder with every right would. */
    public static Connection connectAsSuperuser() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue(StratusTestResource.SUPERUSER + "username", String.class),
                config.getValue(StratusTestResource.SUPERUSER + "password", String.class));
    }

    /** The single long value of a query with string parameters. */
    public static long count(String sql, String... params) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setString(i + 1, params[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Waits (at most a minute) until the query counts {@code expected}; returns the last count. */
    public static long awaitCount(long expected, String sql, String... params) throws SQLException,
            InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        long count = count(sql, params);
        while (count != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            count = count(sql, params);
        }
        return count;
    }

    public static void execute(String sql, String... params) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
