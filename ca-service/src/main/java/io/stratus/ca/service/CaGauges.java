package io.stratus.ca.service;

import static io.stratus.platform.sql.SqlValues.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stratus.platform.sql.OutboxBacklog;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What an operator alerts on besides the event flow (deploy/kubernetes/base/monitoring): per CA that is not revoked,
 * {@code stratus_ca_expiry_seconds{tenant,authority}} (until its certificate expires) and
 * {@code stratus_crl_next_update_seconds{tenant,authority}} (until its current CRL's nextUpdate; negative once
 * relying parties treat it as expired), and {@code stratus_outbox_unsent{service="ca-service"}}, the events committed
 * but not yet published. Read from the database every {@link #REFRESH}; the times count down at every scrape.
 */
@ApplicationScoped
public class CaGauges {

    static final Duration REFRESH = OutboxBacklog.REFRESH;
    private static final String AUTHORITIES = "select tenant, id, not_after, crl_next_update from authority"
            + " where status <> 'REVOKED'";

    private final Pool pool;
    private final Vertx vertx;
    private final MultiGauge caExpiry;
    private final MultiGauge crlNextUpdate;
    private final OutboxBacklog outboxBacklog;
    private volatile long timerId = -1;

    public CaGauges(Pool pool, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.caExpiry = MultiGauge.builder("stratus.ca.expiry").baseUnit("seconds")
                .description("Seconds until the CA's certificate expires").register(registry);
        this.crlNextUpdate = MultiGauge.builder("stratus.crl.next.update").baseUnit("seconds")
                .description("Seconds until the nextUpdate of the CA's current CRL (negative: past it)")
                .register(registry);
        this.outboxBacklog = new OutboxBacklog(pool, "outbox_event", "ca-service", registry);
    }

    void start(@Observes StartupEvent event) {
        refresh();
        timerId = vertx.setPeriodic(REFRESH.toMillis(), id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void refresh() {
        pool.query(AUTHORITIES).execute().subscribe().with(rows -> {
            List<MultiGauge.Row<?>> expiry = new ArrayList<>();
            List<MultiGauge.Row<?>> crl = new ArrayList<>();
            for (Row row : rows) {
                Tags tags = Tags.of("tenant", row.getString("tenant"), "authority", row.getString("id"));
                expiry.add(MultiGauge.Row.of(tags, instant(row, "not_after"), CaGauges::secondsUntil));
                Instant next = instant(row, "crl_next_update");
                if (next != null) {
                    crl.add(MultiGauge.Row.of(tags, next, CaGauges::secondsUntil));
                }
            }
            caExpiry.register(expiry, true);
            crlNextUpdate.register(crl, true);
        }, failure -> Log.debugf("CA gauges not refreshed: %s", failure.toString()));
        outboxBacklog.refresh();
    }

    private static double secondsUntil(Instant at) {
        return Duration.between(Instant.now(), at).toMillis() / 1000.0;
    }
}
