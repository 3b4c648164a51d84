package io.stratus.profile.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.profile.service.AuthorityCatalog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code stratus.authorities.v1}: AuthorityCreated and AuthorityStatusChanged keep the CA copy that
 * SCEP profiles are checked against; other types are skipped; a message that is not a Stratus event goes to
 * the dead-letter topic.
 */
@ApplicationScoped
public class AuthorityConsumer {

    private final AuthorityCatalog catalog;

    public AuthorityConsumer(AuthorityCatalog catalog) {
        this.catalog = catalog;
    }

    @Incoming("authorities-in")
    public Uni<Void> consume(String json) {
        CloudEvent event = EventCodec.decodeKnown(json).orElse(null);
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.data() instanceof AuthorityCreatedEvent) {
            return catalog.created((AuthorityCreatedEvent) event.data(), event.time());
        }
        if (event.data() instanceof AuthorityStatusChangedEvent) {
            return catalog.statusChanged((AuthorityStatusChangedEvent) event.data(), event.time());
        }
        return Uni.createFrom().voidItem();
    }
}
