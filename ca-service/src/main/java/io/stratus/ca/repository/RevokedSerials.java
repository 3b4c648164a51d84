package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;
import java.util.function.Consumer;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a CRL lists of the certificates one key of a CA signed: serial, revocation time and reason of those revoked
 * that expire after a given time (the caller keeps an expired certificate for one more CRL, RFC 5280 3.3). Read
 * through a cursor of a pool of its own (crl-reader: the CRL build holds the CA row's lock on a connection of the main
 * pool, and requests waiting for that lock may hold all the others), a few thousand rows at a time, and handed on one
 * by one in a plain loop: a CA that revoked a
 * million certificates is never held as a list of rows, and no reactive pipeline runs per row. In no particular order
 * (a CRL's entries have none, and sorting a million rows costs the database a second).
 */
@ApplicationScoped
public class RevokedSerials {

    static final int FETCH = 2_000;

    private static final String QUERY = "select serial_hex, revoked_at, revocation_reason from issued_certificate"
            + " where authority_id = $1 and key_generation = $2 and status = 'REVOKED' and not_after > $3";

    /** For a delta CRL: revoked at or after $4. */
    private static final String QUERY_SINCE = QUERY + " and revoked_at >= $4";

    private final Pool pool;

    public RevokedSerials(@ReactiveDataSource("crl-reader") Pool pool) {
        this.pool = pool;
    }

    /**
     * Hands every such certificate to {@code each}, only those revoked at or after {@code revokedSince} when it is
     * given (a delta CRL).
     */
    public Uni<Void> forEach(String authorityId, int keyGeneration, Instant expiredAfter, Instant revokedSince,
            Consumer<RevokedSerial> each) {
        Tuple arguments = Tuple.of(authorityId, keyGeneration, timestamp(expiredAfter));
        if (revokedSince != null) {
            arguments.addValue(timestamp(revokedSince));
        }
        String query = revokedSince == null ? QUERY : QUERY_SINCE;
        return pool.withTransaction(connection -> connection.prepare(query).chain(statement -> {
            Cursor cursor = statement.cursor(arguments);
            return Multi.createBy().repeating().uni(() -> readPage(cursor, each)).whilst(ignored -> cursor.hasMore())
                    .collect().last().replaceWithVoid()
                    .eventually(cursor::close).eventually(statement::close);
        }));
    }

    /** One page of the cursor, handed on row by row in a plain loop. */
    private static Uni<Integer> readPage(Cursor cursor, Consumer<RevokedSerial> each) {
        return cursor.read(FETCH).map(rows -> {
            for (Row row : rows) {
                each.accept(toSerial(row));
            }
            return rows.size();
        });
    }

    private static RevokedSerial toSerial(Row row) {
        return new RevokedSerial(row.getString("serial_hex"), instant(row, "revoked_at"),
                row.getString("revocation_reason"));
    }

    /** A CRL entry's source: the certificate's serial, when and why it was revoked. */
    public record RevokedSerial(String serialHex, Instant revokedAt, String revocationReason) {
    }
}
