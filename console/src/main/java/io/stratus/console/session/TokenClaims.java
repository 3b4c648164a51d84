package io.stratus.console.session;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a bearer token says about its holder: roles ({@code groups}), tenants, subject and expiry. Read without checking
 * the signature: the console only uses it to decide what to show, and every API checks the token itself.
 */
record TokenClaims(String subject, Set<String> roles, Set<String> tenants, Instant expiresAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException if the token is not a JWT with a payload of claims */
    static TokenClaims of(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return new TokenClaims(subject(claims), strings(claims.path("groups")),
                    strings(claims.path("tenants")), Instant.ofEpochSecond(claims.path("exp").asLong(0)));
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("the token's claims cannot be read");
        }
    }

    /** The name to show: {@code upn} or {@code preferred_username} where the provider gives one, else {@code sub}. */
    private static String subject(JsonNode claims) {
        for (String name : new String[] {"upn", "preferred_username", "sub"}) {
            if (claims.hasNonNull(name) && !claims.path(name).asText().isBlank()) {
                return claims.path(name).asText();
            }
        }
        return "";
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return Set.copyOf(values);
    }
}
