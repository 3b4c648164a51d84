package io.stratus.events;

import java.time.Instant;

/**
 * One entry of a service's append-only, hash-chained audit log.
 *
 * @param hash         hex SHA-256 over the previous hash and this entry's fields
 * @param previousHash the hash of the entry before (all zeros for the first)
 * @param mac          the entry's seal: HMAC-SHA256 under the service's audit key over tenant, sequence and hash. Kept
 *                     on the topic, outside the service's database, it is a checkpoint verification compares with
 */
public record AuditRecordedEvent(String tenant, String service, long sequence, String actor, String action,
        String target, String outcome, Instant at, String previousHash, String hash, String mac)
        implements StratusEvent {
    @Override
    public String key() {
        return tenant;
    }
}
