package io.stratus.enrollment.repository;

import java.sql.SQLException;

/** Recognises a PostgreSQL unique-constraint violation (SQLSTATE 23505) anywhere in a cause chain. */
final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && UNIQUE_VIOLATION.equals(((SQLException) t).getSQLState())) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException
                    && UNIQUE_VIOLATION.equals(((io.vertx.pgclient.PgException) t).getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
