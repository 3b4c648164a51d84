package io.stratus.platform.config;

import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes the symmetric keys a service reads from its configuration (KEKs, audit keys): base64 of exactly 32 random
 * bytes. A missing or malformed value stops the service with a message that names the property and its environment
 * variable, never the value.
 */
public final class ConfiguredKeys {

    public static final int KEY_BYTES = 32;

    private ConfiguredKeys() {
    }

    /**
     * The 32 bytes of the key in {@code property}.
     *
     * @throws IllegalStateException naming the property when the value is missing, not base64 or not 32 bytes
     */
    public static byte[] decode(String property, String base64) {
        String name = property + " (" + property.toUpperCase().replace('.', '_').replace('-', '_') + ")";
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(name + " is required: base64 of " + KEY_BYTES + " random bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (raw.length != KEY_BYTES) {
            int length = raw.length;
            Arrays.fill(raw, (byte) 0);
            throw new IllegalStateException(name + " must decode to " + KEY_BYTES + " bytes, not " + length);
        }
        return raw;
    }
}
