package io.stratus.enrollment.config;

import io.quarkus.runtime.Startup;
import io.stratus.platform.config.ConfiguredKeys;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The key-encryption key of the RA private keys, decoded and checked once at start-up: the service
 * refuses to start when {@code stratus.enrollment.kek} is missing or is not base64 of 32 bytes.
 */
@Startup
@ApplicationScoped
public class KeyEncryptionKey {

    private final byte[] key;

    public KeyEncryptionKey(EnrollmentConfig config) {
        this.key = decode(config.kek());
    }

    /** A copy of the 32 key bytes. */
    public byte[] bytes() {
        return key.clone();
    }

    static byte[] decode(String base64) {
        return ConfiguredKeys.decode("stratus.enrollment.kek", base64);
    }
}
