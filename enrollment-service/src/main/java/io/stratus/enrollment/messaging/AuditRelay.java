package io.stratus.enrollment.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.stratus.events.CloudEvent;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.audit.AuditTrail;
import io.stratus.platform.messaging.EventRecords;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes this service's audit records on {@code stratus.audit.v1}, where audit verification finds the checkpoints
 * it compares the chain with. The audit log is its own outbox: {@code audit_published} keeps the last sequence
 * published per tenant, and moves only after Kafka acknowledged every record up to it, so a crash between the two
 * publishes a record again (the checkpoints are idempotent), never loses one. One replica relays at a time (a
 * transaction-scoped advisory lock). Runs every second and when a change was audited.
 */
@ApplicationScoped
public class AuditRelay {

    static final int BATCH = 200;
    static final long POLL_MILLIS = 1000;
    /** The advisory lock key of this relay ("stratAUD" in ASCII). */
    private static final long RELAY_LOCK = 0x7374726174415544L;
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1)";
    private static final String PENDING = "select r.tenant, r.sequence, r.actor, r.action, r.target, r.outcome, r.at,"
            + " r.previous_hash, r.hash, r.mac from audit_record r left join audit_published p on p.tenant = r.tenant"
            + " where r.sequence > coalesce(p.last_sequence, 0) order by r.tenant, r.sequence limit $1";
    private static final String PUBLISHED = "insert into audit_published (tenant, last_sequence) values ($1, $2)"
            + " on conflict (tenant) do update set last_sequence"
            + " = greatest(audit_published.last_sequence, excluded.last_sequence)";

    private final Pool pool;
    private final AuditTrail trail;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public AuditRelay(Pool pool, AuditTrail trail, @Channel("audit-out") MutinyEmitter<Record<String, String>> emitter,
            Vertx vertx) {
        this.pool = pool;
        this.trail = trail;
        this.emitter = emitter;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent start) {
        vertx.setPeriodic(POLL_MILLIS, id -> wake());
    }

    /** Publishes what is pending now, or right after the run in progress. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        publishPending().subscribe().with(published -> finished(), failure -> {
            Log.warnf("audit relay: records stay pending and go out on the next run (%s)", failure.toString());
            finished();
        });
    }

    private void finished() {
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    /** One run: up to {@value #BATCH} pending records published; completes with their number. */
    public Uni<Integer> publishPending() {
        return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(RELAY_LOCK))
                .chain(locked -> locked.iterator().next().getBoolean(0) ? publish(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publish(SqlConnection connection) {
        return connection.preparedQuery(PENDING).execute(Tuple.of(BATCH)).chain(rows -> {
            List<AuditRecord> records = new ArrayList<>(rows.size());
            for (Row row : rows) {
                records.add(AuditTrail.record(row));
            }
            if (records.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<String, Long> lastPerTenant = new LinkedHashMap<>();
            List<Uni<Void>> sends = new ArrayList<>(records.size());
            for (AuditRecord record : records) {
                lastPerTenant.merge(record.tenant(), record.sequence(), Math::max);
                sends.add(emitter.send(EventRecords.of(CloudEvent.of(KafkaCertificateRequestPublisher.SOURCE,
                        record.event(trail.service())))));
            }
            List<Tuple> published = lastPerTenant.entrySet().stream()
                    .map(last -> Tuple.of(last.getKey(), last.getValue())).toList();
            return Uni.join().all(sends).andFailFast()
                    .chain(() -> connection.preparedQuery(PUBLISHED).executeBatch(published))
                    .replaceWith(records.size());
        });
    }
}
