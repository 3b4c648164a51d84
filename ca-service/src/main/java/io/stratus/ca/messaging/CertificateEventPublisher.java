package io.stratus.ca.messaging;

import java.util.Base64;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.platform.messaging.EventRecords;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes issuance outcomes on {@code stratus.certificates.v1}, keyed by device id. Each returned Uni completes
 * when Kafka acknowledged the record.
 */
@ApplicationScoped
public class CertificateEventPublisher {

    private final MutinyEmitter<Record<String, String>> emitter;

    public CertificateEventPublisher(
            @Channel("certificate-events") MutinyEmitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> issued(IssuedCertificateEntity certificate) {
        CertificateIssuedEvent event = new CertificateIssuedEvent(certificate.tenant, certificate.transactionId,
                certificate.authorityId, certificate.deviceId, certificate.assignmentId, certificate.profileId,
                certificate.purpose, certificate.serialHex, certificate.subjectDn, certificate.notBefore,
                certificate.notAfter, Base64.getEncoder().encodeToString(certificate.certificateDer));
        return emitter.send(EventRecords.of(CloudEvent.of(EventOutbox.SOURCE, event)));
    }

    public Uni<Void> rejected(CertificateRequestedEvent request, String reason, String detail) {
        CertificateRejectedEvent event = new CertificateRejectedEvent(request.tenant(), request.transactionId(),
                request.authorityId(), request.deviceId(), request.assignmentId(), request.profileId(),
                request.purpose(), reason, detail);
        return emitter.send(EventRecords.of(CloudEvent.of(EventOutbox.SOURCE, event)));
    }
}
