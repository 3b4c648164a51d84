package io.stratus.enrollment.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.AuthorityEvents;
import io.stratus.enrollment.service.CrlEvents;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityRenewedEvent;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.CrlPublishedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code stratus.authorities.v1}: CA created, changed status or renewed, CRL published. */
@ApplicationScoped
public class AuthorityConsumer {

    private final AuthorityEvents handler;
    private final CrlEvents crls;

    public AuthorityConsumer(AuthorityEvents handler, CrlEvents crls) {
        this.handler = handler;
        this.crls = crls;
    }

    @Incoming("authorities")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
            if (event == null) {
                return Uni.createFrom().voidItem();
            }
            if (event.data() instanceof AuthorityCreatedEvent) {
                return handler.created((AuthorityCreatedEvent) event.data());
            }
            if (event.data() instanceof AuthorityStatusChangedEvent) {
                return handler.statusChanged((AuthorityStatusChangedEvent) event.data());
            }
            if (event.data() instanceof AuthorityRenewedEvent) {
                return handler.renewed((AuthorityRenewedEvent) event.data());
            }
            if (event.data() instanceof CrlPublishedEvent) {
                return crls.published((CrlPublishedEvent) event.data());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
