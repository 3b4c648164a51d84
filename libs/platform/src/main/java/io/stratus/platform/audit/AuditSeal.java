package io.stratus.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.stratus.platform.config.ConfiguredKeys;

/**
 * The seals of an audit log: HMAC-SHA256 under the service's audit key, over a record's tenant, sequence and hash
 * (which covers its fields and the chain before it), and, in another domain, over a chain's head. Each service has
 * an audit key of its own ({@code stratus.<service>.audit-key}, base64 of 32 bytes; not its KEK, which rotates while
 * the seals must not change); the database never holds it, so whoever changes a record there and recomputes the
 * unkeyed hash chain cannot seal the result, and no service can seal records in another service's name.
 */
public final class AuditSeal {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private AuditSeal(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The seal of the key in the configuration property {@code property} (base64 of 32 bytes).
     *
     * @throws IllegalStateException naming the property (never the value) when it is missing or malformed
     */
    public static AuditSeal fromBase64(String property, String base64) {
        return new AuditSeal(ConfiguredKeys.decode(property, base64));
    }

    public String ofRecord(String tenant, long sequence, String hash) {
        return mac("record", tenant, sequence, hash);
    }

    public String ofHead(String tenant, long sequence, String hash) {
        return mac("head", tenant, sequence, hash);
    }

    /** Whether {@code mac} is the record's seal (constant time; a missing seal is not). */
    public boolean sealsRecord(String mac, String tenant, long sequence, String hash) {
        return same(mac, ofRecord(tenant, sequence, hash));
    }

    /** Whether the record carries its seal and its stored hash is the hash of its fields. */
    public boolean sealsRecord(AuditRecord record) {
        return record.hashMatches() && sealsRecord(record.mac(), record.tenant(), record.sequence(), record.hash());
    }

    /** Whether {@code mac} is the head's seal (constant time; a missing seal is not). */
    public boolean sealsHead(String mac, String tenant, long sequence, String hash) {
        return same(mac, ofHead(tenant, sequence, hash));
    }

    private static boolean same(String mac, String expected) {
        return mac != null && MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String domain, String tenant, long sequence, String hash) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {domain, tenant, Long.toString(sequence), hash}) {
            canonical.append(field.length()).append(':').append(field).append(';');
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "AuditSeal[key redacted]";
    }
}
