package io.stratus.profile.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.profile.service.DeploymentOutcomes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code stratus.certificates.v1}: CertificateIssued / CertificateRejected for devices update the
 * deployment status; other types are skipped. A message that is not a Stratus event fails and goes to the
 * dead-letter topic with the reason.
 */
@ApplicationScoped
public class CertificateOutcomeConsumer {

    private final DeploymentOutcomes outcomes;

    public CertificateOutcomeConsumer(DeploymentOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Incoming("certificates-in")
    public Uni<Void> consume(String json) {
        CloudEvent event = EventCodec.decodeKnown(json).orElse(null);
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.data() instanceof CertificateIssuedEvent) {
            return outcomes.issued((CertificateIssuedEvent) event.data(), event.time());
        }
        if (event.data() instanceof CertificateRevokedEvent) {
            return outcomes.revoked((CertificateRevokedEvent) event.data(), event.time());
        }
        if (event.data() instanceof CertificateRejectedEvent) {
            return outcomes.rejected((CertificateRejectedEvent) event.data(), event.time());
        }
        return Uni.createFrom().voidItem();
    }
}
