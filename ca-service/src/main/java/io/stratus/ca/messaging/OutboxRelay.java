package io.stratus.ca.messaging;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.entity.OutboxEventEntity;
import io.stratus.ca.repository.OutboxRepository;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes unsent outbox rows to Kafka, oldest first, and marks each sent only after the broker acknowledged it.
 * Runs every {@code stratus.ca.outbox-poll-interval} and right after a commit that wrote an event. A crash between
 * commit and send leaves the row unsent, so the next run publishes it (at least once).
 */
@ApplicationScoped
public class OutboxRelay {

    static final int BATCH = 100;
    static final int START_PRIORITY = 5000;

    private final MutinyEmitter<Record<String, String>> emitter;
    private final OutboxRepository outbox;
    private final Vertx vertx;
    private final CaConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile long timerId = -1;

    public OutboxRelay(@Channel("outbox-events") MutinyEmitter<Record<String, String>> emitter,
            OutboxRepository outbox, Vertx vertx, CaConfig config) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config;
    }

    /** After the {@code @Startup} beans (KEK check), so a service that fails to start never begins relaying. */
    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        timerId = vertx.setPeriodic(config.outboxPollInterval().toMillis(), id -> trigger());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Starts a relay run now, or right after the one in progress. */
    public void trigger() {
        if (!running.compareAndSet(false, true)) {
            requested.set(true);
            return;
        }
        requested.set(false);
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> relayBatch().subscribe().with(this::finished, failure -> {
            Log.warnf("outbox relay run failed, will retry: %s", failure.toString());
            finished(0);
        }));
    }

    private void finished(int sent) {
        running.set(false);
        if (sent == BATCH || requested.get()) {
            trigger();
        }
    }

    /** Publishes up to one batch; returns how many rows were published. */
    Uni<Integer> relayBatch() {
        return Panache.withSession(() -> outbox.unsent(BATCH))
                .chain(this::publishInOrder);
    }

    private Uni<Integer> publishInOrder(List<OutboxEventEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> publish(row)
                        .chain(() -> Panache.withTransaction(() -> outbox.markSent(row.id, Instant.now()))))
                .collect().asList()
                .map(List::size);
    }

    private Uni<Void> publish(OutboxEventEntity row) {
        Message<Record<String, String>> message = Message.of(Record.of(row.eventKey, row.payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.topic).build());
        return emitter.sendMessage(message);
    }
}
