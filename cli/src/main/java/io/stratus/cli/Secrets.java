package io.stratus.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.DatabaseRoles;
import io.stratus.testkit.JwtIssuer;
import io.stratus.testkit.KafkaCredentials;
import io.stratus.testkit.LocalInfraMain;
import io.stratus.testkit.SecretFiles;
import io.stratus.testkit.Roles;

/**
 * The local stack's secrets: the JWT signing key, the admin token, the services' key-encryption keys and their Kafka
 * passwords.
 */
final class Secrets {
    /** The saved admin token's lifetime: a working day, minted again by the next command that needs it. */
    static final Duration TOKEN_TTL = Duration.ofHours(12);
    /** A saved token is replaced when it has less than this left. */
    static final Duration TOKEN_MIN_LEFT = Duration.ofHours(1);
    /**
     * The simulator's token: given to it once when it starts, so it lasts as long as a stack may run. It can register
     * devices and read profiles, nothing else.
     */
    static final Duration SIMULATOR_TOKEN_TTL = Duration.ofDays(30);

    private final StackDir dir;
    private JwtIssuer issuer;

    Secrets(StackDir dir) {
        this.dir = dir;
    }

    StackDir dir() {
        return dir;
    }

    /** The signing key pair, created on first use under {@code .stratus/jwt/}. */
    synchronized JwtIssuer issuer() {
        if (issuer == null) {
            dir.create();
            issuer = JwtIssuer.loadOrCreate(dir.jwt());
        }
        return issuer;
    }

    Path publicKeyFile() {
        return issuer().publicKeyFile();
    }

    /** The admin token in {@code .stratus/admin.token}, minted (again) if missing or about to expire. */
    String adminToken() {
        Path file = dir.adminToken();
        if (Files.exists(file)) {
            try {
                String saved = Files.readString(file).trim();
                if (expiresAfter(saved, Instant.now().plus(TOKEN_MIN_LEFT)) && current(saved)
                        && signedBy(saved, issuer().publicKey())) {
                    return saved;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        String token = issuer().adminToken(TOKEN_TTL);
        SecretFiles.write(file, token + "\n");
        return token;
    }

    /** A fresh token with only these roles for only these tenants ({@code *}: every tenant), not saved. */
    String token(Set<String> roles, Set<String> tenants, Duration ttl) {
        return issuer().token("stratus-cli", roles, tenants, ttl);
    }

    /** The token behind a console session of the local administrator: what the audit log names as its actor. */
    String consoleToken(Set<String> roles, Set<String> tenants, Duration ttl) {
        return issuer().token("local-admin", roles, tenants, ttl);
    }

    /** A token for the device simulator: it registers devices at profile-service. */
    String simulatorToken() {
        return issuer().token("device-simulator", Set.of(Roles.DEVICE_MANAGE, Roles.PROFILE_READ), Set.of("*"),
                SIMULATOR_TOKEN_TTL);
    }

    /** A base64 AES-256 key-encryption key in {@code .stratus/keys/<name>.kek}, created once. */
    String kek(String name) {
        return randomKey(name + ".kek");
    }

    /**
     * The key that seals a service's audit log ({@code STRATUS_<NAME>_AUDIT_KEY}; {@code name}: ca, profile,
     * enrollment) in {@code keys/<name>-audit.key}, created on first use: one per service, so that none can seal
     * records in another's name.
     */
    String auditKey(String name) {
        return randomKey(name + "-audit.key");
    }

    /** Base64 of 32 random bytes kept in {@code keys/<fileName>}, created on first use. */
    private String randomKey(String fileName) {
        return SecretFiles.readOrCreate(dir.keys().resolve(fileName), () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
    }

    /** The owner and application roles of a service's database in the local PostgreSQL (passwords in {@code keys/db/}). */
    DatabaseRoles databaseRoles(String database) {
        dir.create();
        return DatabaseRoles.loadOrCreate(LocalInfraMain.databasePasswords(dir.root()), database);
    }

    /** The service's Kafka user, its password in {@code .stratus/keys/kafka/} (the infra process applies it to the broker). */
    KafkaCredentials kafkaUser(Service service) {
        dir.create();
        return KafkaCredentials.loadOrCreate(LocalInfraMain.kafkaPasswords(dir.root()), service.kafkaAccount().principal());
    }

    /** True if the JWT's RS256 signature verifies with {@code key} (a token of an older key pair does not). */
    static boolean signedBy(String jwt, PublicKey key) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return sig.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True if the JWT's {@code exp} is after {@code instant}; false for anything that is not a JWT. */
    static boolean expiresAfter(String jwt, Instant instant) {
        return claims(jwt).path("exp").asLong(0) > instant.getEpochSecond();
    }

    /**
     * True if the saved token is one this version would mint: for Stratus's audience and no longer-lived than
     * {@link #TOKEN_TTL} (a token saved by an older version, 30 days without an audience, is replaced).
     */
    static boolean current(String jwt) {
        JsonNode claims = claims(jwt);
        long lifetime = claims.path("exp").asLong(0) - claims.path("iat").asLong(0);
        return JwtIssuer.AUDIENCE.equals(claims.path("aud").asText()) && lifetime <= TOKEN_TTL.toSeconds();
    }

    /** The JWT's claims, or an empty object when it is not a JWT. */
    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
