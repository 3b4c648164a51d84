package io.stratus.enrollment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The KEK is checked at start-up: missing, not base64, or not 32 bytes stops the service. */
class KeyEncryptionKeyTest {

    @Test
    void thirtyTwoBytesInBase64AreAccepted() {
        byte[] key = new byte[32];
        key[31] = 7;
        assertEquals(7, KeyEncryptionKey.decode(Base64.getEncoder().encodeToString(key))[31]);
    }

    @Test
    void anythingElseIsRefusedWithoutEchoingTheValue() {
        for (String bad : new String[] {null, "", "   ", "%%% not base64 %%%",
                Base64.getEncoder().encodeToString(new byte[16]), Base64.getEncoder().encodeToString(new byte[33])}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyEncryptionKey.decode(bad));
            assertTrue(e.getMessage().startsWith("stratus.enrollment.kek"));
            if (bad != null && !bad.isBlank()) {
                assertTrue(!e.getMessage().contains(bad.trim()), "the message does not echo the value");
            }
        }
    }
}
