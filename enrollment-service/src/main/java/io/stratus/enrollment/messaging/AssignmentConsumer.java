package io.stratus.enrollment.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.AssignmentEvents;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code stratus.assignments.v1}: challenges to record, assignments that ended. */
@ApplicationScoped
public class AssignmentConsumer {

    private final AssignmentEvents handler;

    public AssignmentConsumer(AssignmentEvents handler) {
        this.handler = handler;
    }

    @Incoming("assignments")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
            if (event == null) {
                return Uni.createFrom().voidItem();
            }
            if (event.data() instanceof ProfileAssignedEvent) {
                return handler.assigned((ProfileAssignedEvent) event.data(), event.time());
            }
            if (event.data() instanceof ProfileUnassignedEvent) {
                return handler.unassigned((ProfileUnassignedEvent) event.data());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
