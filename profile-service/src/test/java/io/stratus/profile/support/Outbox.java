package io.stratus.profile.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

/** Looks into profile-service's outbox through JDBC. */
public final class Outbox {

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private Outbox() {
    }

    /** Waits until the relay published every committed event (and Kafka acknowledged them). */
    public static void awaitDrained(DataSource db) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (unsent(db) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox still has unsent events after " + MAX_WAIT);
            }
            sleep();
        }
    }

    public static long unsent(DataSource db) {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from outbox where sent_at is null")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
