package io.stratus.enrollment.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 of challenges, in lower-case hex, and their constant-time comparison. */
public final class ChallengeHashes {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ChallengeHashes() {
    }

    public static String sha256Hex(String challenge) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(challenge.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Lower-case hex of a SHA-256, or null when the text is not one. */
    public static String normalize(String hex) {
        if (hex == null) {
            return null;
        }
        String lower = hex.trim().toLowerCase(Locale.ROOT);
        return SHA256_HEX.matcher(lower).matches() ? lower : null;
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
