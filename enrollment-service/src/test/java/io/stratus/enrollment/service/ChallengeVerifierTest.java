package io.stratus.enrollment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;

/** The rules a stored challenge record must pass, one case per rule. */
class ChallengeVerifierTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final String HASH = ChallengeHashes.sha256Hex("the-challenge");
    static final IssuancePolicy POLICY = new IssuancePolicy("CN=d", List.of(), KeySpec.rsa(2048), List.of(),
            List.of(), 30);

    static ChallengeRecord record(String tenant, String ca, Instant expires, Instant used, Instant voided) {
        return new ChallengeRecord("c1", tenant, "dev", "asg", "prof", ca, HASH, POLICY, expires, used, voided, null);
    }

    @Test
    void freshChallengeForThisTenantAndCaIsAccepted() {
        ChallengeVerifier.Verdict verdict = ChallengeVerifier.judge(
                record("t1", "ca1", NOW.plusSeconds(60), null, null), HASH, "t1", "ca1", NOW);
        assertTrue(verdict.accepted());
    }

    @Test
    void everyRuleRefuses() {
        Instant later = NOW.plus(Duration.ofMinutes(5));
        record Case(ChallengeRecord record, String hash, String refusal) {
        }
        List<Case> cases = List.of(
                new Case(null, HASH, "unknown challenge"),
                new Case(record("t1", "ca1", later, null, null), ChallengeHashes.sha256Hex("other"),
                        "unknown challenge"),
                new Case(record("t2", "ca1", later, null, null), HASH, "challenge belongs to another tenant or CA"),
                new Case(record("t1", "ca2", later, null, null), HASH, "challenge belongs to another tenant or CA"),
                new Case(record("t1", "ca1", later, null, NOW), HASH, "challenge was voided (profile unassigned)"),
                new Case(record("t1", "ca1", later, NOW, null), HASH, "challenge was used already"),
                new Case(record("t1", "ca1", NOW, null, null), HASH, "challenge expired"),
                new Case(record("t1", "ca1", NOW.minusSeconds(1), null, null), HASH, "challenge expired"));
        for (Case c : cases) {
            ChallengeVerifier.Verdict verdict = ChallengeVerifier.judge(c.record(), c.hash(), "t1", "ca1", NOW);
            assertEquals(c.refusal(), verdict.refusal());
        }
    }

    @Test
    void hashesAreLowerCaseHexOfSha256() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                ChallengeHashes.sha256Hex("hello"));
        assertEquals(ChallengeHashes.sha256Hex("hello"),
                ChallengeHashes.normalize("2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824"));
        assertEquals(null, ChallengeHashes.normalize("not-a-hash"));
    }
}
