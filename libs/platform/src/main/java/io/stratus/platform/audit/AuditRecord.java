package io.stratus.platform.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.stratus.events.AuditRecordedEvent;

/**
 * One entry of a tenant's hash-chained audit log, as stored: never updated or deleted (the database refuses both).
 * {@code mac} is its seal ({@link AuditSeal}); null only for ca-service records written before seals existed.
 */
public record AuditRecord(String tenant, long sequence, String actor, String action, String target, String outcome,
        Instant at, String previousHash, String hash, String mac) {

    /** The actor of work nobody asked for over the API (Kafka events, schedules). */
    public static final String SYSTEM = "system";
    public static final String SUCCESS = "SUCCESS";

    /**
     * The record that follows a chain's head (its last sequence and hash), hashed and sealed. Every writer of an
     * audit log builds its records here, under the lock of that head.
     */
    public static AuditRecord next(AuditSeal seal, String tenant, long lastSequence, String lastHash, String actor,
            String action, String target, String outcome) {
        long sequence = lastSequence + 1;
        String who = actor == null || actor.isBlank() ? SYSTEM : actor;
        // PostgreSQL keeps microseconds; milliseconds survive the round trip exactly, so the hash does too
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String hash = AuditChain.hash(lastHash, tenant, sequence, who, action, target, outcome, at);
        return new AuditRecord(tenant, sequence, who, action, target, outcome, at, lastHash, hash,
                seal.ofRecord(tenant, sequence, hash));
    }

    /** Whether the stored hash is the hash of the record's fields. */
    public boolean hashMatches() {
        return AuditChain.hash(this).equals(hash);
    }

    /** This record with its seal set. */
    public AuditRecord sealedWith(String seal) {
        return new AuditRecord(tenant, sequence, actor, action, target, outcome, at, previousHash, hash, seal);
    }

    /** The AuditRecorded event that publishes this record of {@code service}'s log on the audit topic. */
    public AuditRecordedEvent event(String service) {
        return new AuditRecordedEvent(tenant, service, sequence, actor, action, target, outcome, at, previousHash,
                hash, mac);
    }
}
