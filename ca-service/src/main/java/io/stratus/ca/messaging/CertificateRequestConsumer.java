package io.stratus.ca.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.IssuanceService;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.EventCodec.MalformedEventException;
import io.stratus.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code stratus.enrollment.requests.v1}. The message is acknowledged when the returned Uni completes,
 * that is after the outcome was published; a message that is not a Stratus event fails and goes to the
 * dead-letter topic with the reason. Event types this service does not handle are skipped.
 */
@ApplicationScoped
public class CertificateRequestConsumer {

    private final IssuanceService issuance;

    public CertificateRequestConsumer(IssuanceService issuance) {
        this.issuance = issuance;
    }

    @Incoming("certificate-requests")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        try {
            event = EventCodec.decode(payload);
        } catch (EventType.UnknownEventTypeException e) {
            Log.debugf("skipping an event of a type this service does not know: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        } catch (MalformedEventException e) {
            Log.warnf("malformed message on the requests topic, sending it to the dead-letter topic: %s",
                    e.getMessage());
            return Uni.createFrom().failure(e);
        }
        if (!(event.data() instanceof CertificateRequestedEvent)) {
            Log.debugf("skipping %s event %s", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        CertificateRequestedEvent request = (CertificateRequestedEvent) event.data();
        if (blank(request.transactionId()) || blank(request.tenant()) || request.purpose() == null) {
            Log.warnf("certificate request event %s lacks transactionId, tenant or purpose; dead-lettering it",
                    event.id());
            return Uni.createFrom().failure(new MalformedEventException(
                    "certificate request without transactionId, tenant or purpose"));
        }
        return issuance.handle(request);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
