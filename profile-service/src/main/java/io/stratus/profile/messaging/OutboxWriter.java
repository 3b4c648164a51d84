package io.stratus.profile.messaging;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.profile.entity.OutboxEntry;
import io.stratus.profile.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends events to the outbox inside the caller's transaction, so that an event exists exactly when the
 * change it announces was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository outbox;

    public OutboxWriter(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return outbox.persist(events.stream().map(event -> entry(event, now)).toList());
    }

    private static OutboxEntry entry(CloudEvent event, Instant now) {
        OutboxEntry entry = new OutboxEntry();
        entry.topic = event.topic();
        entry.messageKey = event.key();
        entry.eventId = event.id();
        entry.eventType = event.type();
        entry.payload = EventCodec.encode(event);
        entry.createdAt = now;
        return entry;
    }
}
