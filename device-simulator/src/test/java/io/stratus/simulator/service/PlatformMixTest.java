package io.stratus.simulator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stratus.simulator.entity.Platform;

/** Spreading a fleet over platforms: percentages, exact counts, rounding, bad input. */
class PlatformMixTest {

    @Test
    void percentagesAreSharesOfTheFleet() {
        List<Platform> spread = PlatformMix.spread(mix("WINDOWS", 60, "MACOS", 20, "IOS", 10, "ANDROID", 10), 50);
        assertEquals(50, spread.size());
        assertEquals(30, count(spread, Platform.WINDOWS));
        assertEquals(10, count(spread, Platform.MACOS));
        assertEquals(5, count(spread, Platform.IOS));
        assertEquals(5, count(spread, Platform.ANDROID));
    }

    @Test
    void numbersThatAddUpToTheCountAreCounts() {
        List<Platform> spread = PlatformMix.spread(mix("WINDOWS", 2, "IOS", 1), 3);
        assertEquals(2, count(spread, Platform.WINDOWS));
        assertEquals(1, count(spread, Platform.IOS));
        assertEquals(List.of(Platform.WINDOWS, Platform.IOS, Platform.WINDOWS), spread, "interleaved");
    }

    @Test
    void roundingKeepsTheTotalExact() {
        List<Platform> spread = PlatformMix.spread(mix("windows", 1, "macos", 1, "ios", 1), 7);
        assertEquals(7, spread.size());
        for (Platform platform : List.of(Platform.WINDOWS, Platform.MACOS, Platform.IOS)) {
            int n = count(spread, platform);
            assertTrue(n == 2 || n == 3, platform + " " + n);
        }
    }

    @Test
    void badMixesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PlatformMix.spread(mix("PALM", 100), 10));
        assertThrows(IllegalArgumentException.class, () -> PlatformMix.spread(mix("WINDOWS", -1, "IOS", 5), 10));
        assertThrows(IllegalArgumentException.class, () -> PlatformMix.spread(mix("WINDOWS", 0), 10));
    }

    private static Map<String, Integer> mix(Object... pairs) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            mix.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return mix;
    }

    private static int count(List<Platform> spread, Platform platform) {
        return (int) spread.stream().filter(platform::equals).count();
    }
}
