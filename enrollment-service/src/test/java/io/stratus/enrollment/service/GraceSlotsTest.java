package io.stratus.enrollment.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The per-CA bound on requests waiting for a challenge that has not arrived. */
class GraceSlotsTest {

    @Test
    void eachCaHasItsOwnSlotsAndARefusalIsCounted() {
        GraceSlots slots = new GraceSlots(2);
        assertTrue(slots.tryTake("ca-1"));
        assertTrue(slots.tryTake("ca-1"));
        assertFalse(slots.tryTake("ca-1"), "a third request of the same CA waits for nothing");
        assertEquals(1, slots.refusedWithoutWait());
        assertTrue(slots.tryTake("ca-2"), "another CA is not affected");

        slots.release("ca-1");
        assertTrue(slots.tryTake("ca-1"), "a released slot is free again");
        assertEquals(2, slots.waiting("ca-1"));
        assertEquals(1, slots.refusedWithoutWait());
    }

    @Test
    void noSlotsMeansNoWaiting() {
        GraceSlots slots = new GraceSlots(0);
        assertFalse(slots.tryTake("ca-1"));
        assertEquals(1, slots.refusedWithoutWait());
    }

    @Test
    void concurrentRequestsNeverTakeMoreThanTheSlots() throws Exception {
        GraceSlots slots = new GraceSlots(5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                takes.add(pool.submit(() -> {
                    start.await();
                    return slots.tryTake("ca-1");
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Boolean> take : takes) {
                taken += take.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(5, taken);
            assertEquals(5, slots.waiting("ca-1"));
            assertEquals(59, slots.refusedWithoutWait());
        } finally {
            pool.shutdownNow();
        }
    }
}
