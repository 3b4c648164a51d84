package io.stratus.ca.service;

import static io.stratus.platform.sql.SqlValues.bytea;
import static io.stratus.platform.sql.SqlValues.bytes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.repository.SqlIssuanceStore;
import io.stratus.crypto.Thumbprints;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives the certificates issued before the inventory stored what it searches by (thumbprints since V18, SAN values
 * since V21) those columns, from their DER, in the background after each start and every ten minutes (during a
 * rolling upgrade, replicas of the older version still store certificates without them), 500 rows per transaction
 * ({@code FOR UPDATE SKIP LOCKED}: replicas share the work) until none is left. New certificates get them at issuance,
 * so once every replica runs this version a pass finds nothing, through the partial indexes.
 */
@ApplicationScoped
public class SearchColumnsBackfill {

    static final int BATCH = 500;
    static final Duration AGAIN = Duration.ofMinutes(10);

    private static final String WITHOUT = "select id, certificate_der from issued_certificate"
            + " where sha256 is null or not sans_stored limit $1 for update skip locked";

    private static final String FILL = "update issued_certificate set sha1 = $2, sha256 = $3, sans_stored = true"
            + " where id = $1";

    private final Pool pool;
    private final Vertx vertx;
    private volatile long timerId = -1;

    public SearchColumnsBackfill(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        fillInBackground();
        timerId = vertx.setPeriodic(AGAIN.toMillis(), id -> fillInBackground());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void fillInBackground() {
        fillMissing().subscribe().with(filled -> {
            if (filled > 0) {
                Log.infof("search columns stored for %d certificate(s) issued before they were kept", filled);
            }
        }, failure -> Log.warnf("search columns of older certificates not stored (next start tries again): %s",
                failure.toString()));
    }

    /** Stores the search columns of every certificate without them; completes with how many it filled. */
    public Uni<Integer> fillMissing() {
        return fillAll(0);
    }

    /** Fills batches until one comes back short; completes with {@code sofar} + the rows filled. */
    private Uni<Integer> fillAll(int sofar) {
        return pool.withTransaction(transaction -> transaction.preparedQuery(WITHOUT).execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<Tuple> fills = new ArrayList<>();
                    List<Tuple> sans = new ArrayList<>();
                    for (Row row : rows) {
                        byte[] der = bytes(row, "certificate_der");
                        String id = row.getString("id");
                        fills.add(Tuple.of(id, bytea(Thumbprints.sha1(der)), bytea(Thumbprints.sha256(der))));
                        sans.add(Tuple.of(id, SanSearch.values(der)));
                    }
                    if (fills.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return transaction.preparedQuery(FILL).executeBatch(fills)
                            .chain(() -> transaction.preparedQuery(SqlIssuanceStore.INSERT_SANS).executeBatch(sans))
                            .replaceWith(fills.size());
                }))
                .chain(filled -> filled == BATCH ? fillAll(sofar + filled) : Uni.createFrom().item(sofar + filled));
    }
}
