package io.stratus.platform.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.Record;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;

/** Kafka records for Stratus events: keyed as the event says, valued by its CloudEvents JSON. */
public final class EventRecords {

    private EventRecords() {
    }

    public static Record<String, String> of(CloudEvent event) {
        return Record.of(event.key(), EventCodec.encode(event));
    }

    public static Message<Record<String, String>> message(CloudEvent event) {
        return Message.of(of(event));
    }
}
