package io.stratus.enrollment.service;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import io.stratus.enrollment.config.EnrollmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How often each client (network address) was refused by each CA: a client refused {@code limit} times within one
 * window gets no more PKIOperations of that CA answered (HTTP 429) until its window ends. A device that follows its
 * assignment is refused rarely; a client guessing challenges is refused every time, and each guess costs an RSA
 * decryption and database lookups, so the limit bounds what one client can make a CA spend. Limit 0 turns it off.
 *
 * <p>Counts live in memory, per replica; at most {@link #MAX_CLIENTS} clients are tracked at once (past that, the
 * expired windows are dropped, and if none has expired, new clients go uncounted until one does).
 */
@ApplicationScoped
public class RefusedClients {

    static final int MAX_CLIENTS = 100_000;

    private record Client(String address, String authorityId) {
    }

    private record Window(long startNanos, int refusals) {
    }

    private final int limit;
    private final long windowNanos;
    private final Set<String> exempt;
    private final LongSupplier clock;
    private final ConcurrentMap<Client, Window> windows = new ConcurrentHashMap<>();
    private volatile long lastSweepNanos;

    @Inject
    public RefusedClients(EnrollmentConfig config) {
        this(config.clientRefusalLimit(), config.clientRefusalWindow(),
                Set.copyOf(config.clientRefusalExempt().orElse(List.of())), System::nanoTime);
    }

    RefusedClients(int limit, Duration window, Set<String> exempt, LongSupplier nanoClock) {
        if (limit < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the refusal limit must be at least 0 and its window positive");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.exempt = Set.copyOf(exempt);
        this.clock = nanoClock;
        this.lastSweepNanos = nanoClock.getAsLong();
    }

    /** How long until {@code address} may ask {@code authorityId} again; zero when it may now. */
    public Duration blockedFor(String address, String authorityId) {
        if (!counted(address)) {
            return Duration.ZERO;
        }
        Window window = windows.get(new Client(address, authorityId));
        if (window == null) {
            return Duration.ZERO;
        }
        long left = window.startNanos() + windowNanos - clock.getAsLong();
        return window.refusals() >= limit && left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** {@code authorityId} refused a request of {@code address}. */
    public void refused(String address, String authorityId) {
        if (!counted(address)) {
            return;
        }
        long now = clock.getAsLong();
        if (windows.size() >= MAX_CLIENTS && now - lastSweepNanos >= windowNanos) {
            // at most one sweep per window, so that a flood from many addresses does not scan on every request
            lastSweepNanos = now;
            windows.values().removeIf(window -> expired(window, now));
        }
        Client client = new Client(address, authorityId);
        if (windows.size() >= MAX_CLIENTS && !windows.containsKey(client)) {
            return;
        }
        windows.compute(client, (key, window) -> window == null || expired(window, now)
                ? new Window(now, 1)
                : new Window(window.startNanos(), window.refusals() + 1));
    }

    private boolean counted(String address) {
        return limit > 0 && address != null && !exempt.contains(address);
    }

    private boolean expired(Window window, long now) {
        return now - window.startNanos() >= windowNanos;
    }
}
