package io.stratus.ca.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.UnassignmentRevocation;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileUnassignedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code stratus.assignments.v1} for one thing: a ProfileUnassigned whose profile revokes on unassignment.
 * Everything else on the topic (ProfileAssigned, other types) is skipped; an unreadable message is dead-lettered.
 */
@ApplicationScoped
public class AssignmentConsumer {

    private final UnassignmentRevocation revocation;

    public AssignmentConsumer(UnassignmentRevocation revocation) {
        this.revocation = revocation;
    }

    @Incoming("assignments")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
            if (event == null || !(event.data() instanceof ProfileUnassignedEvent)) {
                return Uni.createFrom().voidItem();
            }
            ProfileUnassignedEvent unassigned = (ProfileUnassignedEvent) event.data();
            if (!unassigned.revokeCertificates()) {
                return Uni.createFrom().voidItem();
            }
            Log.debugf("assignment %s of device %s ended with revocation", unassigned.assignmentId(),
                    unassigned.deviceId());
            return revocation.unassigned(unassigned, event.time()).replaceWithVoid();
        });
    }
}
