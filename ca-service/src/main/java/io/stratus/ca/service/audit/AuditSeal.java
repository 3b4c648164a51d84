package io.stratus.ca.service.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.stratus.ca.config.CaConfig;
import io.stratus.ca.config.KeyEncryptionKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The seals of the audit log: HMAC-SHA256 under the audit key, over a record's tenant, sequence and hash (which
 * covers its fields and the chain before it), and, in another domain, over a chain's head. The key is
 * {@code stratus.ca.audit-key} (base64 of 32 bytes), a key of its own (the KEK rotates; the seals must not change);
 * the database never holds it, so whoever changes a record there and recomputes the unkeyed hash chain cannot seal
 * the result.
 */
@ApplicationScoped
public class AuditSeal {

    static final String AUDIT_KEY = "stratus.ca.audit-key";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public AuditSeal(CaConfig config) {
        this.key = new SecretKeySpec(keyBytes(config), ALGORITHM);
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

    private static byte[] keyBytes(CaConfig config) {
        return KeyEncryptionKey.fromBase64(AUDIT_KEY, config.auditKey().orElse(null)).bytes();
    }

    @Override
    public String toString() {
        return "AuditSeal[key redacted]";
    }
}
