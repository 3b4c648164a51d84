package io.stratus.ca.service.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.events.CloudEvent;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends to a tenant's audit chain inside the caller's Hibernate Reactive transaction (so the record commits or
 * rolls back with the change it describes) and writes the matching AuditRecorded event to the outbox.
 */
@ApplicationScoped
public class AuditLog {

    /** The actor of work nobody asked for over the API (Kafka requests, CRL refreshes). */
    public static final String SYSTEM = AuditRecord.SYSTEM;
    public static final String SUCCESS = AuditRecord.SUCCESS;

    private final AuditTrail trail;
    private final EventOutbox outbox;

    public AuditLog(AuditTrail trail, EventOutbox outbox) {
        this.trail = trail;
        this.outbox = outbox;
    }

    /** Must run inside a transaction. */
    public Uni<Void> append(String tenant, String actor, String action, String target, String outcome) {
        return Panache.getSession()
                .chain(session -> trail.append(session, tenant, actor, action, target, outcome))
                .chain(record -> outbox.append(event(record)));
    }

    /** The AuditRecorded event of a record, for the outbox. */
    public CloudEvent event(AuditRecord record) {
        return CloudEvent.of(EventOutbox.SOURCE, record.event(trail.service()));
    }
}
