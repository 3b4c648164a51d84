package io.stratus.enrollment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A static challenge from configuration follows the same rules as one set through the API. */
class ConfiguredStaticChallengeTest {

    @Test
    void aShortConfiguredChallengeStopsTheServiceWithoutShowingIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> StaticEnrollment.hashConfigured(Map.of("ca-1", "secret42"), StaticChallengeHash.newSalt()));
        assertTrue(refused.getMessage().contains("stratus.enrollment.static-challenge.ca-1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("at least " + StaticChallenges.MIN_LENGTH), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret42"), "the challenge itself is never in a message");
    }

    @Test
    void aChallengeWithSpacesIsRefusedAsTheApiRefusesIt() {
        assertThrows(IllegalStateException.class, () -> StaticEnrollment.hashConfigured(
                Map.of("ca-1", "long enough but has spaces"), StaticChallengeHash.newSalt()));
    }

    @Test
    void aStrongChallengeIsKeptHashedAndAnEmptyOneMeansOff() {
        byte[] salt = StaticChallengeHash.newSalt();
        Map<String, byte[]> kept = StaticEnrollment.hashConfigured(
                Map.of("ca-1", "config-static-challenge-0123456789", "ca-2", ""), salt);
        assertEquals(1, kept.size());
        assertTrue(StaticChallengeHash.matches(salt, kept.get("ca-1"), "config-static-challenge-0123456789"));
    }
}
