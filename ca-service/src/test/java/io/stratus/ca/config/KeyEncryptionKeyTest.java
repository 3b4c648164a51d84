package io.stratus.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

    @Test
    void acceptsBase64Of32Bytes() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(raw));
        assertEquals(32, kek.bytes().length);
        assertEquals(7, kek.bytes()[0]);
        assertFalse(kek.toString().contains(Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    void refusesMissingMalformedOrWrongLength() {
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyEncryptionKey.fromBase64(null)).getMessage()
                .contains("required"));
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyEncryptionKey.fromBase64(" ")).getMessage()
                .contains("required"));
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyEncryptionKey.fromBase64("***"))
                .getMessage().contains("base64"));
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException wrongLength = assertThrows(IllegalStateException.class,
                () -> KeyEncryptionKey.fromBase64(sixteen));
        assertTrue(wrongLength.getMessage().contains("32 bytes, not 16"), wrongLength.getMessage());
        assertFalse(wrongLength.getMessage().contains(sixteen), "the value is never echoed");
    }
}
