package io.stratus.ca.config;

import java.util.Base64;

/** The AES-256 key-encryption key that wraps CA private keys at rest. Its value never appears in text. */
public final class KeyEncryptionKey {

    public static final int LENGTH_BYTES = 32;

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
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("stratus.ca.kek (STRATUS_CA_KEK) is required: base64 of 32 random bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stratus.ca.kek (STRATUS_CA_KEK) is not valid base64");
        }
        if (raw.length != LENGTH_BYTES) {
            throw new IllegalStateException("stratus.ca.kek (STRATUS_CA_KEK) must decode to " + LENGTH_BYTES
                    + " bytes, not " + raw.length);
        }
        return new KeyEncryptionKey(raw);
    }

    /** A copy of the 32 key bytes, for {@code KeyWrapping}. */
    public byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[redacted]";
    }
}
