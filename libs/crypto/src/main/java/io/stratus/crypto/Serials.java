package io.stratus.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Locale;

/** Certificate serial numbers: 127 random bits from a CSPRNG, always positive. */
public final class Serials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 16;

    private Serials() {
    }

    /** A positive serial of up to 127 random bits (16 bytes with the top bit cleared), never zero. */
    public static BigInteger random() {
        byte[] bytes = new byte[BYTES];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            bytes[0] &= 0x7F;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** Upper-case hex with an even number of digits, as OpenSSL prints serials ("0A1B..."). */
    public static String hex(BigInteger serial) {
        if (serial == null || serial.signum() < 0) {
            throw new IllegalArgumentException("serial must be a non-negative integer");
        }
        String digits = serial.toString(16).toUpperCase(Locale.ROOT);
        return digits.length() % 2 == 0 ? digits : "0" + digits;
    }

    /** Parses hex as printed by {@link #hex} (colons and spaces allowed). */
    public static BigInteger parseHex(String hex) {
        if (hex == null || hex.isBlank()) {
            throw new IllegalArgumentException("serial is missing");
        }
        String digits = hex.replace(":", "").replace(" ", "").trim();
        try {
            return new BigInteger(digits, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serial is not hexadecimal");
        }
    }
}
