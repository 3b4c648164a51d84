package io.stratus.ca.service;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.SqlEventOutbox;
import io.stratus.events.CertificateExpiredEvent;
import io.stratus.events.CertificateRenewalDueEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.StratusEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Announces the deadlines of device certificates, each once: CertificateRenewalDue when a certificate's renewal
 * window opens (the last renewalThresholdPercent of its validity, from its profile; not for a revoked or superseded
 * one) and CertificateExpired when a certificate that was not revoked reaches its notAfter. Every
 * {@code stratus.ca.deadline-check-interval} it claims the due rows ({@code FOR UPDATE SKIP LOCKED}), marks them and
 * writes their events to the outbox in one transaction: replicas never announce a deadline twice, a crash announces
 * nothing twice, and what came due while no replica ran is announced at the next round. A certificate that expired
 * before its renewal could be announced gets CertificateExpired only.
 */
@ApplicationScoped
public class CertificateDeadlines {

    static final int BATCH = 500;

    private static final String RETURNED = " returning c.tenant, c.authority_id, c.serial_hex, c.device_id,"
            + " c.profile_id, c.not_after";

    private static final String CLAIM_RENEWALS_DUE = "update issued_certificate c set renewal_announced_at = $1"
            + " from (select id from issued_certificate where renewal_announced_at is null"
            + " and renewal_due_at is not null and status = 'ISSUED' and superseded_by is null"
            + " and renewal_due_at <= $1 order by renewal_due_at limit $2 for update skip locked) due"
            + " where c.id = due.id" + RETURNED;

    private static final String CLAIM_EXPIRED = "update issued_certificate c set expiry_announced_at = $1"
            + " from (select id from issued_certificate where expiry_announced_at is null and purpose = 'DEVICE'"
            + " and status = 'ISSUED' and not_after <= $1 order by not_after limit $2 for update skip locked) due"
            + " where c.id = due.id" + RETURNED;

    private final Pool pool;
    private final SqlEventOutbox outbox;
    private final OutboxRelay relay;
    private final CaConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timerId = -1;

    public CertificateDeadlines(Pool pool, SqlEventOutbox outbox, OutboxRelay relay, CaConfig config, Vertx vertx) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.deadlineCheckInterval().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void check() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        announceDue().subscribe().with(announced -> running.set(false), failure -> {
            running.set(false);
            Log.warnf("certificate deadlines not announced; next try within %s: %s", config.deadlineCheckInterval(),
                    failure.toString());
        });
    }

    /** Announces every deadline that has passed by now; completes with how many events went to the outbox. */
    public Uni<Integer> announceDue() {
        Instant now = Instant.now();
        return announceAll(CLAIM_RENEWALS_DUE, CertificateDeadlines::renewalDue, now, 0)
                .chain(renewals -> announceAll(CLAIM_EXPIRED, CertificateDeadlines::expired, now, renewals))
                .invoke(announced -> {
                    if (announced > 0) {
                        Log.infof("%d certificate deadline(s) announced", announced);
                        relay.trigger();
                    }
                });
    }

    /** Claims batches until one comes back short of {@link #BATCH}; completes with {@code sofar} + the events. */
    private Uni<Integer> announceAll(String claim, BiFunction<Claimed, Instant, StratusEvent> eventOf, Instant now,
            int sofar) {
        return pool.withTransaction(transaction -> transaction.preparedQuery(claim)
                .execute(Tuple.of(timestamp(now), BATCH))
                .chain(rows -> {
                    List<CloudEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        StratusEvent event = eventOf.apply(Claimed.of(row), now);
                        if (event != null) {
                            events.add(CloudEvent.of(EventOutbox.SOURCE, event));
                        }
                    }
                    return outbox.appendAll(transaction, events).replaceWith(new Round(rows.rowCount(), events.size()));
                }))
                .chain(round -> round.claimed() == BATCH ? announceAll(claim, eventOf, now, sofar + round.announced())
                        : Uni.createFrom().item(sofar + round.announced()));
    }

    /** Renewal of a certificate that expired before it was announced is not due any more: it only expires. */
    private static StratusEvent renewalDue(Claimed c, Instant now) {
        return c.notAfter().isAfter(now) ? new CertificateRenewalDueEvent(c.tenant(), c.authorityId(), c.serial(),
                c.deviceId(), c.profileId(), c.notAfter()) : null;
    }

    private static StratusEvent expired(Claimed c, Instant now) {
        return new CertificateExpiredEvent(c.tenant(), c.authorityId(), c.serial(), c.deviceId(), c.profileId(),
                c.notAfter());
    }

    private record Claimed(String tenant, String authorityId, String serial, String deviceId, String profileId,
            Instant notAfter) {
        static Claimed of(Row row) {
            return new Claimed(row.getString("tenant"), row.getString("authority_id"), row.getString("serial_hex"),
                    row.getString("device_id"), row.getString("profile_id"), instant(row, "not_after"));
        }
    }

    private record Round(int claimed, int announced) {
    }
}
