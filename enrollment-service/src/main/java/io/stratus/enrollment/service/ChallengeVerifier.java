package io.stratus.enrollment.service;

import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.config.EnrollmentConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a CSR's challengePassword: issued by profile-service for this tenant and CA, unexpired,
 * unused and not voided. Only hashes are compared, in constant time.
 * <p>
 * The device and this service learn of a challenge from the same assignment event, each at its own
 * pace, so a device may present a challenge a moment before its record is stored here. An unknown
 * challenge is therefore looked up again for a short grace period before it is refused, by at most
 * {@code stratus.enrollment.challenge-arrival-grace-slots} requests per CA at once ({@link GraceSlots}).
 */
@ApplicationScoped
public class ChallengeVerifier {

    /** The record of a valid challenge, or why the challenge is refused. */
    public record Verdict(ChallengeRecord challenge, String refusal) {
        static final String UNKNOWN = "unknown challenge";

        static Verdict refused(String why) {
            return new Verdict(null, why);
        }

        public boolean accepted() {
            return challenge != null;
        }

        /** No one-time challenge has this value (yet). */
        public boolean unknown() {
            return UNKNOWN.equals(refusal);
        }
    }

    private static final Duration ARRIVAL_POLL = Duration.ofMillis(100);

    private final ChallengeStore store;
    private final Duration arrivalGrace;
    private final GraceSlots slots;

    public ChallengeVerifier(ChallengeStore store, EnrollmentConfig config, GraceSlots slots) {
        this.store = store;
        this.arrivalGrace = config.challengeArrivalGrace();
        this.slots = slots;
    }

    /** The verdict, waiting up to the arrival grace for a challenge not stored yet. */
    public Uni<Verdict> verify(String tenant, String authorityId, String challengePassword) {
        return verify(tenant, authorityId, challengePassword, arrivalGrace);
    }

    /** The verdict from what is stored now: an unknown challenge is not waited for. */
    public Uni<Verdict> verifyNow(String tenant, String authorityId, String challengePassword) {
        return verify(tenant, authorityId, challengePassword, Duration.ZERO);
    }

    private Uni<Verdict> verify(String tenant, String authorityId, String challengePassword, Duration grace) {
        if (challengePassword == null || challengePassword.isEmpty()) {
            return Uni.createFrom().item(Verdict.refused("the CSR has no challengePassword"));
        }
        String hash = ChallengeHashes.sha256Hex(challengePassword);
        return store.findByHash(hash).flatMap(record -> {
            if (record != null || grace.isZero()) {
                return Uni.createFrom().item(record);
            }
            if (!slots.tryTake(authorityId)) {
                return Uni.createFrom().<ChallengeRecord>nullItem();
            }
            return findArriving(hash, Instant.now().plus(grace)).eventually(() -> slots.release(authorityId));
        }).map(record -> judge(record, hash, tenant, authorityId, Instant.now()));
    }

    /** Looks the challenge up again every {@link #ARRIVAL_POLL} until it is stored or the deadline has passed. */
    private Uni<ChallengeRecord> findArriving(String hash, Instant deadline) {
        if (!Instant.now().isBefore(deadline)) {
            return Uni.createFrom().nullItem();
        }
        return Workers.onCallerContext(Uni.createFrom().voidItem().onItem().delayIt().by(ARRIVAL_POLL))
                .flatMap(ignored -> store.findByHash(hash))
                .flatMap(record -> record != null ? Uni.createFrom().item(record) : findArriving(hash, deadline));
    }

    static Verdict judge(ChallengeRecord record, String hash, String tenant, String authorityId, Instant now) {
        if (record == null || !ChallengeHashes.same(record.challengeHash(), hash)) {
            return Verdict.refused(Verdict.UNKNOWN);
        }
        if (!record.tenant().equals(tenant) || !record.authorityId().equals(authorityId)) {
            return Verdict.refused("challenge belongs to another tenant or CA");
        }
        if (record.voidedAt() != null) {
            return Verdict.refused("challenge was voided (profile unassigned)");
        }
        if (record.usedAt() != null) {
            return Verdict.refused("challenge was used already");
        }
        if (!record.expiresAt().isAfter(now)) {
            return Verdict.refused("challenge expired");
        }
        return new Verdict(record, null);
    }
}
