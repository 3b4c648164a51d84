package io.stratus.platform.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ConfiguredKeysTest {

    private static final String PROPERTY = "stratus.example.audit-key";

    @Test
    void thirtyTwoBytesOfBase64AreTheKey() {
        byte[] key = new byte[32];
        key[0] = 1;
        key[31] = 7;
        assertArrayEquals(key, ConfiguredKeys.decode(PROPERTY, " " + Base64.getEncoder().encodeToString(key) + "\n"));
    }

    @Test
    void aMissingOrMalformedKeyNamesThePropertyAndItsVariableButNotTheValue() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        assertEquals("stratus.example.audit-key (STRATUS_EXAMPLE_AUDIT_KEY) is required: base64 of 32 random bytes",
                refusal(null));
        assertEquals("stratus.example.audit-key (STRATUS_EXAMPLE_AUDIT_KEY) is required: base64 of 32 random bytes",
                refusal("  "));
        assertEquals("stratus.example.audit-key (STRATUS_EXAMPLE_AUDIT_KEY) is not valid base64", refusal("s3cr*t"));
        assertEquals("stratus.example.audit-key (STRATUS_EXAMPLE_AUDIT_KEY) must decode to 32 bytes, not 16",
                refusal(sixteen));
        assertFalse(refusal("s3cr*t").contains("s3cr*t"));
    }

    private static String refusal(String value) {
        return assertThrows(IllegalStateException.class, () -> ConfiguredKeys.decode(PROPERTY, value)).getMessage();
    }
}
