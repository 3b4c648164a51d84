package io.stratus.enrollment.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for a condition that other processes make true (a consumer catching up); not a timing assertion. */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(String what, Supplier<Boolean> condition) {
        value(what, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null);
    }

    /** The first non-null value {@code probe} returns. */
    public static <T> T value(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
