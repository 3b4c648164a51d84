package io.stratus.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Certificate thumbprints: the SHA-1 (as Windows' certificate manager and Intune show it) and SHA-256 digests of the
 * DER encoding, and their hex text in either case, with or without colons or spaces.
 */
public final class Thumbprints {

    private Thumbprints() {
    }

    public static byte[] sha1(byte[] der) {
        return digest("SHA-1", der);
    }

    public static byte[] sha256(byte[] der) {
        return digest("SHA-256", der);
    }

    /** Upper-case hex without separators. */
    public static String hex(byte[] thumbprint) {
        return HexFormat.of().withUpperCase().formatHex(thumbprint);
    }

    /**
     * The bytes of a thumbprint typed by a person ({@code 5f:3a...}, {@code 5F 3A ...}, {@code 5f3a...}).
     *
     * @throws IllegalArgumentException when it is not hex of {@code length} bytes
     */
    public static byte[] parse(String text, int length) {
        String hex = text.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 2 * length || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("not a thumbprint of " + length + " bytes in hex");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] digest(String algorithm, byte[] der) {
        try {
            return MessageDigest.getInstance(algorithm).digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException(algorithm + " is not available", e);
        }
    }
}
