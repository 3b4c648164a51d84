package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerialsTest {

    @Test
    void randomSerialsArePositiveAtMost127BitsAndDistinct() {
        Set<BigInteger> seen = new HashSet<>();
        int longOnes = 0;
        for (int i = 0; i < 2000; i++) {
            BigInteger serial = Serials.random();
            assertTrue(serial.signum() > 0);
            assertTrue(serial.bitLength() <= 127);
            assertTrue(serial.toByteArray().length <= 16, "fits 16 DER content octets");
            if (serial.bitLength() > 119) {
                longOnes++;
            }
            assertTrue(seen.add(serial));
        }
        assertTrue(longOnes > 1900, "nearly all serials use the top byte: " + longOnes);
    }

    @ParameterizedTest
    @CsvSource({"1, 01", "255, FF", "256, 0100", "4660, 1234", "0, 00"})
    void hexIsUpperCaseWithEvenDigits(long value, String hex) {
        assertEquals(hex, Serials.hex(BigInteger.valueOf(value)));
        assertEquals(BigInteger.valueOf(value), Serials.parseHex(hex));
    }

    @Test
    void negativeOrMissingSerialsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Serials.hex(BigInteger.valueOf(-1)));
        assertThrows(IllegalArgumentException.class, () -> Serials.hex(null));
        assertThrows(IllegalArgumentException.class, () -> Serials.parseHex("xyz"));
        assertEquals(BigInteger.valueOf(0xABCD), Serials.parseHex("ab:cd"));
    }
}
