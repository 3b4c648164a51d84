package io.stratus.enrollment.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Salted SHA-256 of static challenges and their constant-time comparison. */
public final class StaticChallengeHash {

    public static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StaticChallengeHash() {
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** SHA-256(salt || UTF-8 challenge). */
    public static byte[] hash(byte[] salt, String challenge) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(challenge.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** True when {@code presented} hashes to {@code expectedHash} under {@code salt}; constant time. */
    public static boolean matches(byte[] salt, byte[] expectedHash, String presented) {
        return MessageDigest.isEqual(hash(salt, presented), expectedHash);
    }
}
