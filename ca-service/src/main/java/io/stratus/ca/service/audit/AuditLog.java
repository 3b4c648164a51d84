package io.stratus.ca.service.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuditRecordEntity;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.repository.AuditRepository;
import io.stratus.events.AuditRecordedEvent;
import io.stratus.events.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends to a tenant's audit chain inside the caller's transaction (so the record commits or rolls back with the
 * change it describes) and writes the matching AuditRecorded event to the outbox.
 */
@ApplicationScoped
public class AuditLog {

    /** The actor of work nobody asked for over the API (Kafka requests, CRL refreshes). */
    public static final String SYSTEM = "system";
    public static final String SUCCESS = "SUCCESS";
    static final String SERVICE = "ca-service";

    private final AuditRepository records;
    private final EventOutbox outbox;
    private final AuditSeal seal;

    public AuditLog(AuditRepository records, EventOutbox outbox, AuditSeal seal) {
        this.records = records;
        this.outbox = outbox;
        this.seal = seal;
    }

    /** Must run inside a transaction. */
    public Uni<Void> append(String tenant, String actor, String action, String target, String outcome) {
        return records.lockHead(tenant).chain(head -> {
            AuditRecordEntity record = next(seal, tenant, head.lastSequence, head.lastHash, actor, action, target,
                    outcome);
            head.lastSequence = record.sequence;
            head.lastHash = record.hash;
            head.mac = seal.ofHead(tenant, record.sequence, record.hash);
            return records.persist(record).chain(() -> outbox.append(event(record)));
        });
    }

    /**
     * The record that follows the chain's head (its last sequence and hash), hashed and sealed. Every writer of the
     * audit log builds its records here, under the lock of that head.
     */
    public static AuditRecordEntity next(AuditSeal seal, String tenant, long lastSequence, String lastHash,
            String actor, String action, String target, String outcome) {
        AuditRecordEntity record = new AuditRecordEntity();
        record.tenant = tenant;
        record.sequence = lastSequence + 1;
        record.actor = actor == null || actor.isBlank() ? SYSTEM : actor;
        record.action = action;
        record.target = target;
        record.outcome = outcome;
        // PostgreSQL keeps microseconds; milliseconds survive the round trip exactly, so the hash does too
        record.at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        record.previousHash = lastHash;
        record.hash = AuditChain.hash(record);
        record.mac = seal.ofRecord(tenant, record.sequence, record.hash);
        return record;
    }

    /** The AuditRecorded event of a record, for the outbox. */
    public static CloudEvent event(AuditRecordEntity record) {
        return CloudEvent.of(EventOutbox.SOURCE, new AuditRecordedEvent(record.tenant, SERVICE, record.sequence,
                record.actor, record.action, record.target, record.outcome, record.at, record.previousHash,
                record.hash, record.mac));
    }
}
