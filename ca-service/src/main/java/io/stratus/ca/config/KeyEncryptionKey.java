package io.stratus.ca.config;

import java.util.Base64;

/** The AES-256 key-encryption key that wraps CA private keys at rest. Its value never appears in text. */
public final class KeyEncryptionKey {

    public static final int LENGTH_BYTES = 32;
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
        String name = property + " (" + property.toUpperCase().replace('.', '_').replace('-', '_') + ")";
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(name + " is required: base64 of 32 random bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (raw.length != LENGTH_BYTES) {
            throw new IllegalStateException(name + " must decode to " + LENGTH_BYTES + " bytes, not " + raw.length);
        }
        return new KeyEncryptionKey(raw);
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
