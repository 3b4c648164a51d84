package io.stratus.profile.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import io.stratus.crypto.ChallengeSeal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes one-time SCEP challenges: 32 random bytes, base64url without padding. The challenge leaves this
 * class only sealed to the device's identity key, with its SHA-256; it is never stored or logged.
 */
@ApplicationScoped
public class ChallengeIssuer {

    private static final int CHALLENGE_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** A fresh challenge sealed to {@code deviceKey} (CPU work: call it on a worker thread). */
    public SealedChallenge issue(PublicKey deviceKey) {
        byte[] raw = new byte[CHALLENGE_BYTES];
        random.nextBytes(raw);
        byte[] challenge = Base64.getUrlEncoder().withoutPadding().encode(raw);
        // base64url is ASCII, so these bytes are also the challenge string's UTF-8 encoding
        try {
            byte[] sealed = ChallengeSeal.seal(challenge, deviceKey);
            return new SealedChallenge(Base64.getEncoder().encodeToString(sealed), sha256Hex(challenge));
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(challenge, (byte) 0);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * @param sealed base64 DER CMS EnvelopedData
     * @param hash   hex SHA-256 of the challenge string's UTF-8 bytes
     */
    public record SealedChallenge(String sealed, String hash) {
    }
}
