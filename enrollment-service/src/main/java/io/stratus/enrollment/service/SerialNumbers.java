package io.stratus.enrollment.service;

import java.math.BigInteger;

import io.stratus.crypto.Serials;

/** Serial numbers as this service keys them: upper-case hex with an even number of digits. */
public final class SerialNumbers {

    private SerialNumbers() {
    }

    /** The canonical hex of a serial given in hex (colons, spaces, case and leading zeros aside), or null. */
    public static String normalize(String hex) {
        try {
            BigInteger serial = Serials.parseHex(hex);
            return serial.signum() < 0 ? null : Serials.hex(serial);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String of(BigInteger serial) {
        return Serials.hex(serial);
    }
}
