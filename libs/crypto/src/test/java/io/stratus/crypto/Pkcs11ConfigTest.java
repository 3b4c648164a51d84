package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pkcs11ConfigTest {

    @Test
    void parsesThePropertiesForm() {
        Pkcs11Config config = Pkcs11Config.parse("""
                # the CA token
                library = /usr/lib/softhsm/libsofthsm2.so
                tokenLabel = stratus ca
                pin = s3cret-pin
                name = issuing
                """);
        assertEquals("/usr/lib/softhsm/libsofthsm2.so", config.library());
        assertEquals("stratus ca", config.tokenLabel());
        assertNull(config.slot());
        assertArrayEquals("s3cret-pin".toCharArray(), config.pin());
        assertEquals("issuing", config.name());
        assertFalse(config.toString().contains("s3cret-pin"), config.toString());
        assertTrue(config.toString().contains("tokenLabel=stratus ca"), config.toString());

        Pkcs11Config bySlot = Pkcs11Config.parse("library=/lib/p11.so\nslot=0x10\npin=1\n");
        assertEquals(16L, bySlot.slot());
        assertTrue(Pkcs11KeyProtection.sunPkcs11Config(bySlot).contains("slot = 16"));
        Pkcs11Config byDefault = Pkcs11Config.parse("library=/lib/p11.so\npin=1\n");
        String sun = Pkcs11KeyProtection.sunPkcs11Config(byDefault);
        assertTrue(sun.contains("slotListIndex = 0") && sun.contains("CKA_EXTRACTABLE = false"), sun);
        assertFalse(sun.contains("pin"), "the PIN is not part of the provider configuration");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pin=1",                                          // no library
        "library=/l.so",                                  // no PIN
        "library=/l.so\npin=1\nslot=1\ntokenLabel=x",     // two token selectors
        "library=/l.so\npin=1\nslot=one",                 // not a number
        "library=/l.so\npin=1\npassword=2",               // unknown key
        "library=/l.so\npin=1\npinEnv=X",                 // both PIN forms
        "library=/l.so\npinEnv=STRATUS_TEST_SURELY_UNSET_VARIABLE",
    })
    void rejectsIncompleteOrAmbiguousConfigs(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pkcs11Config.parse(text));
        assertTrue(e.getMessage().startsWith("PKCS#11 config"), e.getMessage());
    }

    @Test
    void slotIdsBeyondWhatSunPkcs11TakesAreRefused() {
        Pkcs11Config config = Pkcs11Config.bySlot("/l.so", 1L << 33, "1".toCharArray());
        assertThrows(IllegalStateException.class, () -> Pkcs11KeyProtection.sunPkcs11Config(config));
    }
}
