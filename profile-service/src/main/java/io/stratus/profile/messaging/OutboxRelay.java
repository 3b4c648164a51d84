package io.stratus.profile.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stratus.platform.sql.OutboxBacklog;
import io.stratus.platform.sql.PublishedOutboxRows;
import io.stratus.profile.config.ProfileConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes the outbox: in one database transaction it takes the oldest unsent events, sends them to Kafka,
 * waits for Kafka's acknowledgements and only then marks them sent. If the process dies in between, the
 * rows stay unsent and go out again (at least once; consumers are idempotent). A transaction-scoped advisory
 * lock lets one replica relay at a time, which keeps events in outbox order.
 *
 * <p>It runs when woken after a committed change ({@link #wake()}) and every poll interval. Published rows beyond the
 * newest {@code stratus.profile.outbox.keep-published} are deleted every {@code stratus.profile.outbox.cleanup-interval}.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Advisory lock id shared by all replicas of profile-service ("STRATUS" in ASCII). */
    private static final long RELAY_LOCK = 0x53545241545553L;

    private final Pool pool;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final ProfileConfig.Outbox config;
    private final Vertx vertx;
    private final Counter published;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile long timerId = -1;
    private volatile long cleanupTimerId = -1;
    private final OutboxBacklog backlog;
    private volatile long backlogTimerId = -1;

    public OutboxRelay(Pool pool, @Channel("assignments-out") MutinyEmitter<Record<String, String>> emitter,
            ProfileConfig config, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config.outbox();
        this.vertx = vertx;
        this.published = Counter.builder("stratus.profile.outbox.published")
                .description("Events published from the outbox to Kafka").register(registry);
        this.backlog = new OutboxBacklog(pool, "outbox", "profile-service", registry);
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        cleanupTimerId = new PublishedOutboxRows(pool, "outbox").schedule(vertx, config.cleanupInterval(),
                config.keepPublished());
        backlogTimerId = backlog.schedule(vertx);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (cleanupTimerId >= 0) {
            vertx.cancelTimer(cleanupTimerId);
        }
        if (backlogTimerId >= 0) {
            vertx.cancelTimer(backlogTimerId);
        }
    }

    /** Asks for a relay run; coalesces with a run in progress. */
    public void wake() {
        wanted.set(true);
        if (running.compareAndSet(false, true)) {
            run();
        }
    }

    private void run() {
        wanted.set(false);
        publishBatch().subscribe().with(sent -> {
            if (sent >= config.batchSize()) {
                run();
            } else {
                finish();
            }
        }, failure -> {
            Log.warnf("outbox relay failed, retrying at the next poll: %s", failure.toString());
            finish();
        });
    }

    private void finish() {
        running.set(false);
        if (wanted.get() && running.compareAndSet(false, true)) {
            run();
        }
    }

    private Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection
                .query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")").execute()
                .chain(lock -> lock.iterator().next().getBoolean(0)
                        ? connection.preparedQuery("select id, topic, message_key, payload from outbox"
                                + " where sent_at is null order by id limit $1")
                                .execute(Tuple.of(config.batchSize()))
                                .chain(rows -> publishAndMark(connection, rows))
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishAndMark(SqlConnection connection, RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>();
        List<Uni<Void>> sends = new ArrayList<>();
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            sends.add(send(row.getString("topic"), row.getString("message_key"), row.getString("payload")));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(sends).andFailFast()
                .ifNoItem().after(config.sendTimeout()).fail()
                .chain(() -> connection.preparedQuery("update outbox set sent_at = now() where id = any($1)")
                        .execute(Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0]))))
                .map(updated -> {
                    published.increment(ids.size());
                    Log.debugf("outbox relay published %d events", ids.size());
                    return ids.size();
                });
    }

    /** Sends one event; the Uni completes when Kafka acknowledged it. */
    private Uni<Void> send(String topic, String key, String payload) {
        Message<Record<String, String>> message = Message.of(Record.of(key, payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).build());
        return emitter.sendMessage(message);
    }
}
