package io.stratus.simulator.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.stratus.events.CertificateRenewalDueEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.simulator.service.AssignmentDispatcher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code stratus.certificates.v1}: CertificateRevoked (the device stops using the certificate)
 * and CertificateRenewalDue (the device renews it) for devices of this instance; other types are skipped.
 */
@ApplicationScoped
public class CertificateConsumer {

    private final AssignmentDispatcher dispatcher;

    public CertificateConsumer(AssignmentDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Incoming("certificates")
    public void consume(String payload) {
        CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
        if (event == null) {
            return;
        }
        if (event.data() instanceof CertificateRevokedEvent) {
            dispatcher.onCertificateRevoked((CertificateRevokedEvent) event.data());
        } else if (event.data() instanceof CertificateRenewalDueEvent) {
            dispatcher.onRenewalDue((CertificateRenewalDueEvent) event.data());
        }
    }
}
