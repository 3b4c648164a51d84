package io.stratus.enrollment.messaging;

import io.quarkus.logging.Log;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.EventType;

/** Decoding shared by the consumers: malformed → exception (dead letter), unknown type → null (skipped). */
final class IncomingEvents {

    private IncomingEvents() {
    }

    static CloudEvent decode(String topic, String payload) {
        try {
            return EventCodec.decode(payload);
        } catch (EventType.UnknownEventTypeException e) {
            Log.debugf("%s: skipping an event type this version does not know (%s)", topic, e.getMessage());
            return null;
        }
    }
}
