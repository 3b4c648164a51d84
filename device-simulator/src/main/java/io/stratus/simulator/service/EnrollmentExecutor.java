package io.stratus.simulator.service;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stratus.simulator.config.SimulatorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The worker threads of fleet enrollments: at most {@code stratus.simulator.concurrency} in flight,
 * the rest queued. Keeps key generation, challenge opening and SCEP round trips off the Kafka
 * consumer and the event loop.
 */
@ApplicationScoped
public class EnrollmentExecutor {

    private final ThreadPoolExecutor executor;

    public EnrollmentExecutor(SimulatorConfig config) {
        int threads = Math.max(1, config.concurrency());
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread thread = new Thread(r, "simulator-enroll-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    public void submit(Runnable task) {
        executor.execute(task);
    }

    /** Tasks waiting for a worker. */
    public int queued() {
        return executor.getQueue().size();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
