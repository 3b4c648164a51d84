package io.stratus.enrollment.config;

import java.util.Arrays;
import java.util.Base64;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The key-encryption key of the RA private keys, decoded and checked once at start-up: the service
 * refuses to start when {@code stratus.enrollment.kek} is missing or is not base64 of 32 bytes.
 */
@Startup
@ApplicationScoped
public class KeyEncryptionKey {

    public static final int LENGTH = 32;

    private final byte[] key;

    public KeyEncryptionKey(EnrollmentConfig config) {
        this.key = decode(config.kek());
    }

    /** A copy of the 32 key bytes. */
    public byte[] bytes() {
        return key.clone();
    }

    static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("stratus.enrollment.kek is required (base64 of 32 bytes)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stratus.enrollment.kek is not valid base64");
        }
        if (decoded.length != LENGTH) {
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalStateException("stratus.enrollment.kek must decode to 32 bytes");
        }
        return decoded;
    }
}
