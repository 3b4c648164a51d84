package io.stratus.ca.config;

import io.stratus.platform.config.ConfiguredKeys;

/** The AES-256 key-encryption key that wraps CA private keys at rest. Its value never appears in text. */
public final class KeyEncryptionKey {

    public static final String CURRENT = "stratus.ca.kek";
    public static final String PREVIOUS = "stratus.ca.previous-kek";

    private final byte[] key;

    private KeyEncryptionKey(byte[] key) {
        this.key = key;
    }

    /**
     * Decodes {@code stratus.ca.kek}.
     *
     * @throws IllegalStateException when the value is missing, not base64 or not 32 bytes (without echoing it)
     */
    public static KeyEncryptionKey fromBase64(String base64) {
        return fromBase64(CURRENT, base64);
    }

    /** Decodes the KEK of the named property ({@value #CURRENT} or {@value #PREVIOUS}). */
    public static KeyEncryptionKey fromBase64(String property, String base64) {
        return new KeyEncryptionKey(ConfiguredKeys.decode(property, base64));
    }

    /** A copy of the 32 key bytes, for the key protection. */
    public byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[redacted]";
    }
}
