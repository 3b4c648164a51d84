package io.stratus.enrollment.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.stratus.enrollment.config.EnrollmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How many PKCSReqs of one CA may wait at once for a challenge that is not stored yet (the arrival grace looks it up
 * again every 100 ms). A request past that number is refused at once as an unknown challenge: a flood of made-up
 * challenges costs a bounded number of database lookups, and a genuine device that meets a full CA tries again later.
 */
@ApplicationScoped
public class GraceSlots {

    private final int perCa;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    @Inject
    public GraceSlots(EnrollmentConfig config) {
        this(config.challengeArrivalGraceSlots());
    }

    GraceSlots(int perCa) {
        if (perCa < 0) {
            throw new IllegalArgumentException("grace slots per CA must be 0 or more");
        }
        this.perCa = perCa;
    }

    /** Takes a slot of {@code authorityId}; false (and counted) when all are taken. Give it back with {@link #release}. */
    public boolean tryTake(String authorityId) {
        AtomicInteger taken = waiting.computeIfAbsent(authorityId, id -> new AtomicInteger());
        while (true) {
            int now = taken.get();
            if (now >= perCa) {
                refused.incrementAndGet();
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release(String authorityId) {
        AtomicInteger taken = waiting.get(authorityId);
        if (taken != null) {
            taken.decrementAndGet();
        }
    }

    /** Slots taken now for {@code authorityId}. */
    int waiting(String authorityId) {
        AtomicInteger taken = waiting.get(authorityId);
        return taken == null ? 0 : taken.get();
    }

    /** Unknown challenges refused without waiting because every slot of their CA was taken. */
    public long refusedWithoutWait() {
        return refused.get();
    }
}
