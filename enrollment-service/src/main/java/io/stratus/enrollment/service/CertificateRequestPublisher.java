package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;
import io.stratus.events.CertificateRequestedEvent;

/** Relays a validated request to the CA; completes when the transport accepted it. */
public interface CertificateRequestPublisher {

    Uni<Void> publish(CertificateRequestedEvent request);
}
