package io.stratus.ca.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.OutboxEventEntity;
import io.stratus.ca.repository.SqlEventOutbox;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes unsent outbox rows to Kafka, oldest first, and marks them sent only after the broker acknowledged them:
 * a batch is handed to the producer in order, and marked sent in one statement up to its first unacknowledged row.
 * Runs every {@code stratus.ca.outbox-poll-interval} and right after a commit that wrote an event. A crash between
 * commit and send leaves the row unsent, so the next run publishes it (at least once). One replica relays at a time
 * (a transaction-scoped advisory lock held from reading the batch to marking it sent). Published rows beyond the newest
 * {@code stratus.ca.outbox-keep-published} are deleted every {@code stratus.ca.outbox-cleanup-interval}.
 */
@ApplicationScoped
public class OutboxRelay {

    static final int BATCH = 100;
    static final int START_PRIORITY = 5000;

    private final MutinyEmitter<Record<String, String>> emitter;
    private final SqlEventOutbox outbox;
    private final Vertx vertx;
    private final CaConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile long timerId = -1;
    private volatile long cleanupTimerId = -1;

    public OutboxRelay(@Channel("outbox-events") MutinyEmitter<Record<String, String>> emitter,
            SqlEventOutbox outbox, Vertx vertx, CaConfig config) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config;
    }

    /** After the {@code @Startup} beans (KEK check), so a service that fails to start never begins relaying. */
    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        timerId = vertx.setPeriodic(config.outboxPollInterval().toMillis(), id -> trigger());
        cleanupTimerId = outbox.published().schedule(vertx, config.outboxCleanupInterval(), config.outboxKeepPublished());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (cleanupTimerId >= 0) {
            vertx.cancelTimer(cleanupTimerId);
        }
    }

    /** Starts a relay run now, or right after the one in progress. */
    public void trigger() {
        if (!running.compareAndSet(false, true)) {
            requested.set(true);
            return;
        }
        requested.set(false);
        relayBatch().subscribe().with(this::finished, failure -> {
            Log.warnf("outbox relay run failed, will retry: %s", failure.toString());
            finished(0);
        });
    }

    private void finished(int sent) {
        running.set(false);
        if (sent == BATCH || requested.get()) {
            trigger();
        }
    }

    /**
     * Publishes up to one batch; returns how many rows were marked sent (none while another replica relays: its
     * lock is held until its batch is marked sent).
     */
    Uni<Integer> relayBatch() {
        return outbox.whileRelaying(transaction -> outbox.unsent(transaction, BATCH)
                .chain(rows -> publishInOrder(transaction, rows)), 0);
    }

    private Uni<Integer> publishInOrder(SqlConnection transaction, List<OutboxEventEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // subscribed in list order, so the producer gets the records in order; each says whether Kafka took it
        List<Uni<Boolean>> sends = rows.stream().map(this::publish).toList();
        return Uni.join().all(sends).andFailFast().chain(acknowledged -> {
            List<Long> sent = acknowledgedPrefix(rows, acknowledged);
            return outbox.markSent(transaction, sent, Instant.now()).replaceWith(sent.size());
        });
    }

    /**
     * The rows up to the first one Kafka did not take: the rest is published again by a later run, so an event is
     * never marked sent while an older one is not (at least once, in order).
     */
    static List<Long> acknowledgedPrefix(List<OutboxEventEntity> rows, List<Boolean> acknowledged) {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < rows.size() && acknowledged.get(i); i++) {
            sent.add(rows.get(i).id);
        }
        return sent;
    }

    private Uni<Boolean> publish(OutboxEventEntity row) {
        Message<Record<String, String>> message = Message.of(Record.of(row.eventKey, row.payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.topic).build());
        return emitter.sendMessage(message).replaceWith(true).onFailure().recoverWithItem(failure -> {
            Log.warnf("publishing outbox event %d to %s failed, will retry: %s", row.id, row.topic,
                    failure.toString());
            return false;
        });
    }
}
