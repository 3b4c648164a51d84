package io.stratus.profile.service;

import java.sql.SQLException;

import io.stratus.platform.rest.ProblemException;

/** Recognises unique-constraint violations raised by PostgreSQL through Hibernate Reactive. */
final class Conflicts {

    private static final String UNIQUE_VIOLATION = "23505";

    private Conflicts() {
    }

    /** A 409 with {@code detail} when {@code failure} is a unique violation, else the failure itself. */
    static Throwable asConflict(Throwable failure, String detail) {
        return isUniqueViolation(failure) ? ProblemException.conflict(detail) : failure;
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    && UNIQUE_VIOLATION.equals(((org.hibernate.exception.ConstraintViolationException) t).getSQLState())) {
                return true;
            }
            if (t instanceof SQLException && UNIQUE_VIOLATION.equals(((SQLException) t).getSQLState())) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException
                    && UNIQUE_VIOLATION.equals(((io.vertx.pgclient.PgException) t).getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
