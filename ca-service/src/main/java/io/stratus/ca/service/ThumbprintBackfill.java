package io.stratus.ca.service;

import static io.stratus.platform.sql.SqlValues.bytea;
import static io.stratus.platform.sql.SqlValues.bytes;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Thumbprints;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives the certificates issued before thumbprints were stored (V18) their SHA-1 and SHA-256, in the background after
 * each start, 500 rows per transaction ({@code FOR UPDATE SKIP LOCKED}: replicas share the work) until none is left.
 * New certificates get theirs at issuance, so after one pass this finds nothing.
 */
@ApplicationScoped
public class ThumbprintBackfill {

    static final int BATCH = 500;

    private static final String WITHOUT = "select id, certificate_der from issued_certificate where sha256 is null"
            + " limit $1 for update skip locked";

    private static final String FILL = "update issued_certificate set sha1 = $2, sha256 = $3 where id = $1";

    private final Pool pool;

    public ThumbprintBackfill(Pool pool) {
        this.pool = pool;
    }

    void start(@Observes StartupEvent event) {
        fillMissing().subscribe().with(filled -> {
            if (filled > 0) {
                Log.infof("thumbprints stored for %d certificate(s) issued before they were kept", filled);
            }
        }, failure -> Log.warnf("thumbprints of older certificates not stored (next start tries again): %s",
                failure.toString()));
    }

    /** Stores the thumbprints of every certificate without them; completes with how many it filled. */
    public Uni<Integer> fillMissing() {
        return fillAll(0);
    }

    /** Fills batches until one comes back short; completes with {@code sofar} + the rows filled. */
    private Uni<Integer> fillAll(int sofar) {
        return pool.withTransaction(transaction -> transaction.preparedQuery(WITHOUT).execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<Tuple> fills = new ArrayList<>();
                    for (Row row : rows) {
                        byte[] der = bytes(row, "certificate_der");
                        fills.add(Tuple.of(row.getString("id"), bytea(Thumbprints.sha1(der)),
                                bytea(Thumbprints.sha256(der))));
                    }
                    return fills.isEmpty() ? Uni.createFrom().item(0)
                            : transaction.preparedQuery(FILL).executeBatch(fills).replaceWith(fills.size());
                }))
                .chain(filled -> filled == BATCH ? fillAll(sofar + filled) : Uni.createFrom().item(sofar + filled));
    }
}
