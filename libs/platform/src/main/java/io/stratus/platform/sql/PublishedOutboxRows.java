package io.stratus.platform.sql;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes outbox rows that were published long ago, so that an outbox table does not grow forever: every row already
 * marked sent ({@code sent_at is not null}) except the newest {@code keep} ids, which stay for inspection. Unsent rows
 * are never touched. Works in batches walking the primary key from the oldest row, so each statement stays short.
 */
public final class PublishedOutboxRows {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Logger LOG = Logger.getLogger(PublishedOutboxRows.class);
    static final int BATCH = 5000;

    private final Pool pool;
    private final String table;
    private final String deleteBatch;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param table an outbox table with {@code id bigint} primary key and {@code sent_at} (a constant of the
     *              service, never input)
     */
    public PublishedOutboxRows(Pool pool, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        this.pool = pool;
        this.table = table;
        this.deleteBatch = "delete from " + table + " where id in (select id from " + table
                + " where sent_at is not null and id <= (select max(id) from " + table + ") - $1"
                + " order by id limit $2)";
    }

    /** Deletes batches of at most {@code batch} rows until none is left to delete; the number deleted. */
    public Uni<Long> deleteAllButNewest(long keep, int batch) {
        if (keep < 0 || batch < 1) {
            throw new IllegalArgumentException("keep must be at least 0 and batch at least 1");
        }
        return deleteFrom(keep, batch, 0);
    }

    private Uni<Long> deleteFrom(long keep, int batch, long deletedSoFar) {
        return pool.preparedQuery(deleteBatch).execute(Tuple.of(keep, batch)).chain(rows -> {
            long total = deletedSoFar + rows.rowCount();
            return rows.rowCount() < batch ? Uni.createFrom().item(total) : deleteFrom(keep, batch, total);
        });
    }

    /**
     * Deletes all but the newest {@code keep} published rows every {@code every} (a run still going is not started
     * twice); the timer's id, for {@code cancelTimer}.
     */
    public long schedule(Vertx vertx, Duration every, long keep) {
        return vertx.setPeriodic(every.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            deleteAllButNewest(keep, BATCH).subscribe().with(deleted -> {
                running.set(false);
                if (deleted > 0) {
                    LOG.debugf("%s: deleted %d published events", table, deleted);
                }
            }, failure -> {
                running.set(false);
                LOG.warnf("%s: deleting published events failed, will retry: %s", table, failure.toString());
            });
        });
    }
}
