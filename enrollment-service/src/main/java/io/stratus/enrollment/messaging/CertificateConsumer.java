package io.stratus.enrollment.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.CertificateOutcomes;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code stratus.certificates.v1}: the CA's answers to RA and device requests, revocations. */
@ApplicationScoped
public class CertificateConsumer {

    private final CertificateOutcomes handler;

    public CertificateConsumer(CertificateOutcomes handler) {
        this.handler = handler;
    }

    @Incoming("certificates")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
            if (event == null) {
                return Uni.createFrom().voidItem();
            }
            if (event.data() instanceof CertificateIssuedEvent) {
                return handler.issued((CertificateIssuedEvent) event.data());
            }
            if (event.data() instanceof CertificateRejectedEvent) {
                return handler.rejected((CertificateRejectedEvent) event.data());
            }
            if (event.data() instanceof CertificateRevokedEvent) {
                return handler.revoked((CertificateRevokedEvent) event.data());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
