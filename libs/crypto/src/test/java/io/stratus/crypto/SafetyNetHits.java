package io.stratus.crypto;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the refusals that only the last-resort catch of a parser produced (a runtime exception deep inside
 * BouncyCastle turned into the documented exception): they are within the contract, but each distinct
 * origin shows an input class no explicit check names. The fuzz tests print the tally after their run.
 */
public final class SafetyNetHits {

    private static final Map<String, LongAdder> HITS = new ConcurrentHashMap<>();

    private SafetyNetHits() {
    }

    /** Records the root cause of {@code refusal} when its message starts with {@code safetyNetPrefix}. */
    public static void record(RuntimeException refusal, String safetyNetPrefix) {
        if (refusal.getMessage() == null || !refusal.getMessage().startsWith(safetyNetPrefix)) {
            return;
        }
        Throwable root = refusal;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        String origin = root.getClass().getSimpleName() + " at "
                + (trace.length == 0 ? "?" : trace[0].getClassName() + "." + trace[0].getMethodName());
        HITS.computeIfAbsent(origin, key -> new LongAdder()).increment();
    }

    /** One line per origin, most frequent first; empty when the safety net never fired. */
    public static String summary(String target) {
        StringBuilder out = new StringBuilder("safety-net refusals in " + target + ": " + HITS.size() + " origin(s)\n");
        new TreeMap<>(HITS).forEach((origin, count) -> out.append("  ").append(count.sum()).append(" x ")
                .append(origin).append('\n'));
        return out.toString();
    }
}
