package io.stratus.enrollment.service;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a CSR's challengePassword: issued by profile-service for this tenant and CA, unexpired,
 * unused and not voided. Only hashes are compared, in constant time.
 */
@ApplicationScoped
public class ChallengeVerifier {

    /** The record of a valid challenge, or why the challenge is refused. */
    public record Verdict(ChallengeRecord challenge, String refusal) {
        static Verdict refused(String why) {
            return new Verdict(null, why);
        }

        public boolean accepted() {
            return challenge != null;
        }
    }

    private final ChallengeStore store;

    public ChallengeVerifier(ChallengeStore store) {
        this.store = store;
    }

    public Uni<Verdict> verify(String tenant, String authorityId, String challengePassword) {
        if (challengePassword == null || challengePassword.isEmpty()) {
            return Uni.createFrom().item(Verdict.refused("the CSR has no challengePassword"));
        }
        String hash = ChallengeHashes.sha256Hex(challengePassword);
        return store.findByHash(hash).map(record -> judge(record, hash, tenant, authorityId, Instant.now()));
    }

    static Verdict judge(ChallengeRecord record, String hash, String tenant, String authorityId, Instant now) {
        if (record == null || !ChallengeHashes.same(record.challengeHash(), hash)) {
            return Verdict.refused("unknown challenge");
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
