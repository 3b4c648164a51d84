package io.stratus.console.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stratus.console.config.ConsoleConfig;

/**
 * One-time sign-in codes of the local stack. {@code stratus console} writes a file named by the hex SHA-256 of a
 * fresh random code into {@code stratus.console.sign-in-dir}, holding {@code {"token":"...","expiresAt":"ISO-8601"}},
 * and prints a link with the code. The first request that brings the code claims the file (an atomic rename, so a
 * code works once even when two requests race) and gets a session for the token; the file is deleted. The code itself
 * is never stored or logged.
 */
@ApplicationScoped
public class SignInCodes {
    private static final Logger LOG = Logger.getLogger(SignInCodes.class);
    /** 32 random bytes, base64url without padding. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Inject
    ConsoleConfig config;
    @Inject
    ObjectMapper json;

    /** The token a valid, unused, unexpired code stands for; empty otherwise (the code is then used up). */
    public Optional<String> redeem(String code) {
        if (config.signInDir().isEmpty() || code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        Path file = config.signInDir().get().resolve(fileName(code));
        Path claimed = file.resolveSibling(file.getFileName() + ".claimed-" + UUID.randomUUID());
        try {
            Files.move(file, claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("a sign-in code could not be claimed: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
        try {
            JsonNode grant = json.readTree(Files.readString(claimed, StandardCharsets.UTF_8));
            if (!Instant.now().isBefore(Instant.parse(grant.path("expiresAt").asText()))) {
                return Optional.empty();
            }
            String token = grant.path("token").asText("");
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("a sign-in file could not be read: %s", e.getClass().getSimpleName());
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(claimed);
            } catch (IOException e) {
                LOG.warnf("a used sign-in file could not be deleted: %s", e.getClass().getSimpleName());
            }
        }
    }

    /** The file a code's grant is written to: the hex SHA-256 of the code, so the directory never holds a code. */
    public static String fileName(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
