package io.stratus.simulator.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.stratus.simulator.entity.Platform;

/**
 * Spreads a fleet over platforms. The numbers are counts when they add up to the fleet size, otherwise
 * weights (percentages, usually): each platform gets its share, rounded by largest remainder so the
 * total is exact. Devices are interleaved (W, M, W, I, ...) rather than grouped.
 */
public final class PlatformMix {

    private PlatformMix() {
    }

    /**
     * One platform per device, {@code count} of them.
     *
     * @throws IllegalArgumentException on an unknown platform, a negative number or no positive number
     */
    public static List<Platform> spread(Map<String, Integer> mix, int count) {
        Map<Platform, Integer> weights = new EnumMap<>(Platform.class);
        long total = 0;
        for (Map.Entry<String, Integer> entry : mix.entrySet()) {
            Platform platform = Platform.parse(entry.getKey());
            Integer weight = entry.getValue();
            if (entry.getKey() == null || entry.getKey().isBlank() || weight == null || weight < 0) {
                throw new IllegalArgumentException("platforms must map platform names to counts or percentages >= 0");
            }
            weights.merge(platform, weight, Integer::sum);
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("platforms must give at least one platform a positive share");
        }
        Map<Platform, Integer> counts = total == count ? weights : shares(weights, total, count);
        return interleave(counts, count);
    }

    private static Map<Platform, Integer> shares(Map<Platform, Integer> weights, long total, int count) {
        Map<Platform, Integer> counts = new EnumMap<>(Platform.class);
        Map<Platform, Double> remainders = new EnumMap<>(Platform.class);
        int assigned = 0;
        for (Map.Entry<Platform, Integer> entry : weights.entrySet()) {
            double exact = (double) entry.getValue() * count / total;
            int floor = (int) Math.floor(exact);
            counts.put(entry.getKey(), floor);
            remainders.put(entry.getKey(), exact - floor);
            assigned += floor;
        }
        List<Platform> byRemainder = new ArrayList<>(remainders.keySet());
        byRemainder.sort((a, b) -> Double.compare(remainders.get(b), remainders.get(a)));
        for (int i = 0; assigned < count; i = (i + 1) % byRemainder.size()) {
            counts.merge(byRemainder.get(i), 1, Integer::sum);
            assigned++;
        }
        return counts;
    }

    /** Round-robin over the platforms that still have devices left. */
    private static List<Platform> interleave(Map<Platform, Integer> counts, int count) {
        Map<Platform, Integer> left = new EnumMap<>(counts);
        List<Platform> order = new ArrayList<>(count);
        while (order.size() < count) {
            boolean any = false;
            for (Platform platform : Platform.values()) {
                Integer remaining = left.get(platform);
                if (remaining != null && remaining > 0) {
                    order.add(platform);
                    left.put(platform, remaining - 1);
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return order;
    }
}
