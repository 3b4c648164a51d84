package io.stratus.enrollment.service;

import java.time.Instant;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Administration of the per-CA static challenges (stored as a salted SHA-256 only). */
@ApplicationScoped
public class StaticChallenges {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 255;

    private final ScepAuthorities authorities;
    private final StaticChallengeStore store;

    public StaticChallenges(ScepAuthorities authorities, StaticChallengeStore store) {
        this.authorities = authorities;
        this.store = store;
    }

    /** Why a proposed static challenge is refused, or null. */
    public static String problem(String challenge) {
        if (challenge == null || challenge.length() < MIN_LENGTH) {
            return "challenge must have at least " + MIN_LENGTH + " characters";
        }
        if (challenge.length() > MAX_LENGTH) {
            return "challenge must have at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < challenge.length(); i++) {
            char c = challenge.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "challenge must be printable ASCII without spaces (it travels as a PrintableString-like"
                        + " challengePassword)";
            }
        }
        return null;
    }

    /**
     * Turns static mode on for an issuing CA of the tenant (or replaces its challenge), as {@code actor} asked.
     *
     * @throws UnknownAuthorityException (as a failed Uni) for no such issuing CA
     */
    public Uni<StoredStaticChallenge> set(String tenant, String authorityId, String challenge, String actor) {
        return authorities.find(tenant, authorityId).chain(ca -> {
            byte[] salt = StaticChallengeHash.newSalt();
            StoredStaticChallenge stored = new StoredStaticChallenge(authorityId, tenant, salt,
                    StaticChallengeHash.hash(salt, challenge), Instant.now());
            return store.save(stored, actor).invoke(() -> Log.warnf("static SCEP challenge set for CA %s (tenant %s):"
                    + " any client that knows it can enroll any CN", authorityId, tenant))
                    .replaceWith(stored);
        });
    }

    /** Turns the admin-set static challenge off ({@code actor} asked); false when there was none. */
    public Uni<Boolean> clear(String tenant, String authorityId, String actor) {
        return authorities.find(tenant, authorityId).chain(ca -> store.delete(tenant, authorityId, actor));
    }
}
