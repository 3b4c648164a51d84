package io.stratus.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash of an audit record: hex SHA-256 over the previous record's hash and the record's canonical fields.
 * Each field is written as {@code <length>:<value>;} so that no two different records share a canonical form.
 */
public final class AuditChain {

    /** The previous hash of a tenant's first record. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(AuditRecord record) {
        return hash(record.previousHash(), record.tenant(), record.sequence(), record.actor(), record.action(),
                record.target(), record.outcome(), record.at());
    }

    public static String hash(String previousHash, String tenant, long sequence, String actor, String action,
            String target, String outcome, Instant at) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {previousHash, tenant, Long.toString(sequence), actor, action, target,
                outcome, DateTimeFormatter.ISO_INSTANT.format(at)}) {
            canonical.append(field.length()).append(':').append(field).append(';');
        }
        return sha256Hex(canonical.toString());
    }

    /** Hex SHA-256 of the UTF-8 text. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
