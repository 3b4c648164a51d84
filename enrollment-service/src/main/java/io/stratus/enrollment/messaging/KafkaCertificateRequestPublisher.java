package io.stratus.enrollment.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.stratus.enrollment.service.CertificateRequestPublisher;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.platform.messaging.EventRecords;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes CertificateRequested on {@code stratus.enrollment.requests.v1}, keyed by device (or CA) id. */
@ApplicationScoped
public class KafkaCertificateRequestPublisher implements CertificateRequestPublisher {

    static final String SOURCE = "/stratus/enrollment-service";

    private final MutinyEmitter<Record<String, String>> emitter;

    public KafkaCertificateRequestPublisher(@Channel("enrollment-requests") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Uni<Void> publish(CertificateRequestedEvent request) {
        return emitter.send(EventRecords.of(CloudEvent.of(SOURCE, request)));
    }
}
