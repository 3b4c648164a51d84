package io.stratus.simulator.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.simulator.service.AssignmentDispatcher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code stratus.assignments.v1}. Only decodes and hands ProfileAssigned and ProfileUnassigned
 * events to the dispatcher (which never blocks); other types are skipped; a message that is not a
 * Stratus event fails and goes to the dead-letter topic.
 */
@ApplicationScoped
public class AssignmentConsumer {

    private final AssignmentDispatcher dispatcher;

    public AssignmentConsumer(AssignmentDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming("assignments")
    public void consume(String payload) {
        CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
        if (event == null) {
            return;
        }
        if (event.data() instanceof ProfileAssignedEvent) {
            dispatcher.onProfileAssigned(event.id(), (ProfileAssignedEvent) event.data());
        } else if (event.data() instanceof ProfileUnassignedEvent) {
            dispatcher.onProfileUnassigned((ProfileUnassignedEvent) event.data());
        }
    }
}
