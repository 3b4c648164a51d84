package io.stratus.platform.sql;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The gauge {@code stratus_outbox_unsent{service}}: the events a service committed to its outbox and has not
 * published yet (rows with {@code sent_at is null}), counted every {@link #REFRESH}. The alert StratusOutboxBacklog
 * (deploy/kubernetes/monitoring) fires on it.
 */
public final class OutboxBacklog {

    public static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final Pool pool;
    private final String countUnsent;
    private final AtomicLong unsent = new AtomicLong();

    /** Registers the gauge of {@code service}'s outbox table {@code table}; it reads 0 until the first refresh. */
    public OutboxBacklog(Pool pool, String table, String service, MeterRegistry registry) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.pool = pool;
        this.countUnsent = "select count(*) from " + table + " where sent_at is null";
        registry.gauge("stratus.outbox.unsent", Tags.of("service", service), unsent);
    }

    /** Counts now and every {@link #REFRESH}; returns the timer's id, for {@link Vertx#cancelTimer}. */
    public long schedule(Vertx vertx) {
        refresh();
        return vertx.setPeriodic(REFRESH.toMillis(), id -> refresh());
    }

    /** Counts the unsent rows once; a failure (database away) keeps the last count and is logged at debug. */
    public void refresh() {
        pool.query(countUnsent).execute().subscribe().with(rows -> unsent.set(rows.iterator().next().getLong(0)),
                failure -> LOG.debugf("outbox gauge not refreshed: %s", failure.toString()));
    }
}
