package io.stratus.console.session;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.stratus.console.config.ConsoleConfig;

/**
 * The console's sessions, kept in this process: the browser holds only a random session id (an HttpOnly cookie), the
 * token stays here. A restart signs everyone out.
 */
@ApplicationScoped
public class Sessions {
    /** The session cookie's name. */
    public static final String COOKIE = "stratus_console";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    @Inject
    ConsoleConfig config;

    /**
     * A session for this token, ending when the token or {@code stratus.console.session-lifetime} ends.
     *
     * @throws IllegalArgumentException if the token cannot be read or has expired
     */
    public Session open(String token) {
        TokenClaims claims = TokenClaims.of(token);
        Instant now = Instant.now();
        Instant end = now.plus(config.sessionLifetime());
        if (claims.expiresAt().isBefore(end)) {
            end = claims.expiresAt();
        }
        if (!end.isAfter(now)) {
            throw new IllegalArgumentException("the token has expired");
        }
        byId.values().removeIf(s -> s.expired(now));
        Session session = new Session(randomId(), token, claims.subject(), claims.roles(), claims.tenants(),
                randomId(), end);
        byId.put(session.id(), session);
        return session;
    }

    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expired(Instant.now())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
