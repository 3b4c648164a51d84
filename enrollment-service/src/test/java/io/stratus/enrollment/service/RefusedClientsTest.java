package io.stratus.enrollment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The per-client, per-CA limit on refused requests, with a clock the test moves. */
class RefusedClientsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private RefusedClients limit(int refusals, Set<String> exempt) {
        return new RefusedClients(refusals, Duration.ofMinutes(1), exempt, nanos::get);
    }

    @Test
    void aClientRefusedTheLimitWithinTheWindowWaitsUntilTheWindowEnds() {
        RefusedClients clients = limit(3, Set.of());
        clients.refused("198.51.100.7", "ca-1");
        clients.refused("198.51.100.7", "ca-1");
        assertEquals(Duration.ZERO, clients.blockedFor("198.51.100.7", "ca-1"), "under the limit");
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        clients.refused("198.51.100.7", "ca-1");
        assertEquals(Duration.ofSeconds(40), clients.blockedFor("198.51.100.7", "ca-1"),
                "blocked for the rest of the window that began with the first refusal");

        assertEquals(Duration.ZERO, clients.blockedFor("198.51.100.8", "ca-1"), "another client");
        assertEquals(Duration.ZERO, clients.blockedFor("198.51.100.7", "ca-2"), "another CA");

        nanos.addAndGet(Duration.ofSeconds(40).toNanos());
        assertEquals(Duration.ZERO, clients.blockedFor("198.51.100.7", "ca-1"), "the window is over");
        clients.refused("198.51.100.7", "ca-1");
        assertEquals(Duration.ZERO, clients.blockedFor("198.51.100.7", "ca-1"), "a new window counts from one");
    }

    @Test
    void exemptAddressesAndALimitOfZeroAreNeverBlocked() {
        RefusedClients withExempt = limit(1, Set.of("127.0.0.1"));
        withExempt.refused("127.0.0.1", "ca-1");
        withExempt.refused("127.0.0.1", "ca-1");
        assertEquals(Duration.ZERO, withExempt.blockedFor("127.0.0.1", "ca-1"));
        withExempt.refused("203.0.113.9", "ca-1");
        assertEquals(Duration.ofMinutes(1), withExempt.blockedFor("203.0.113.9", "ca-1"));

        RefusedClients off = limit(0, Set.of());
        off.refused("203.0.113.9", "ca-1");
        assertEquals(Duration.ZERO, off.blockedFor("203.0.113.9", "ca-1"));
        assertEquals(Duration.ZERO, off.blockedFor(null, "ca-1"), "an unknown address is not counted");
    }

    @Test
    void aNegativeLimitOrAnEmptyWindowIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> limit(-1, Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new RefusedClients(3, Duration.ZERO, Set.of(), nanos::get));
    }
}
