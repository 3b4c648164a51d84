package io.stratus.platform.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Java values to the PostgreSQL client's parameter types and back (timestamptz, bytea), for the stores
 * that use the Vert.x client's prepared statements directly.
 */
public final class SqlValues {

    private SqlValues() {
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** A bytea parameter: the client takes the core Buffer only (not its Mutiny wrapper). */
    public static io.vertx.core.buffer.Buffer bytea(byte[] bytes) {
        return bytes == null ? null : io.vertx.core.buffer.Buffer.buffer(bytes);
    }

    public static byte[] bytes(Row row, String column) {
        Buffer value = row.getBuffer(column);
        return value == null ? null : value.getBytes();
    }
}
