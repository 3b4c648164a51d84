package io.stratus.ca.messaging;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.OutboxEventEntity;
import io.stratus.ca.repository.OutboxRepository;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes events into the outbox inside the caller's transaction; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class EventOutbox {

    /** CloudEvents {@code source} of every ca-service event. */
    public static final String SOURCE = "/stratus/ca-service";

    private final OutboxRepository outbox;

    public EventOutbox(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** Adds the event to the current transaction. */
    public Uni<Void> append(CloudEvent event) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.topic = event.topic();
        row.eventKey = event.key();
        row.payload = EventCodec.encode(event);
        row.createdAt = Instant.now();
        return outbox.persist(row).replaceWithVoid();
    }
}
