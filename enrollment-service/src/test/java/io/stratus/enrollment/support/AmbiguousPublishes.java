package io.stratus.enrollment.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.messaging.KafkaCertificateRequestPublisher;
import io.stratus.enrollment.service.CertificateRequestPublisher;
import io.stratus.events.CertificateRequestedEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The Kafka publisher, except that the first publish of each transaction of a device named {@code ambiguous-...}
 * fails after the record was sent: an acknowledgement lost on the way back (a broker timeout), the failure that does
 * not say whether the CA got the request. Every other request is published as the service publishes it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class AmbiguousPublishes implements CertificateRequestPublisher {

    public static final String DEVICE_PREFIX = "ambiguous-";

    private final KafkaCertificateRequestPublisher kafka;
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    public AmbiguousPublishes(KafkaCertificateRequestPublisher kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<Void> publish(CertificateRequestedEvent request) {
        Uni<Void> sent = kafka.publish(request);
        boolean ambiguous = request.deviceId() != null && request.deviceId().startsWith(DEVICE_PREFIX)
                && failedOnce.add(request.transactionId());
        return ambiguous
                ? sent.chain(() -> Uni.createFrom().failure(new TimeoutException("acknowledgement lost (test)")))
                : sent;
    }
}
