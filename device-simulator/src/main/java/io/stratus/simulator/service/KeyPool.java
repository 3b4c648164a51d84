package io.stratus.simulator.service;

import java.security.KeyPair;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.quarkus.logging.Log;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.simulator.config.SimulatorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Enrollment key pairs. With {@code stratus.simulator.key-pool-size} above 0, keeps that many
 * pre-generated pairs per algorithm (refilled in the background after each use), so RSA key
 * generation does not sit on the enrollment path; otherwise generates on demand.
 */
@ApplicationScoped
public class KeyPool {

    private final int size;
    private final Map<KeyAlgorithm, BlockingQueue<KeyPair>> ready = new ConcurrentHashMap<>();
    private final Set<KeyAlgorithm> refilling = ConcurrentHashMap.newKeySet();
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "simulator-key-pool");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    public KeyPool(SimulatorConfig config) {
        this.size = Math.max(0, config.keyPoolSize());
    }

    /** A fresh key pair of the algorithm, from the pool when one is ready. */
    public KeyPair take(KeyAlgorithm algorithm) {
        if (size == 0) {
            return algorithm.generate();
        }
        BlockingQueue<KeyPair> queue = queue(algorithm);
        KeyPair pooled = queue.poll();
        refill(algorithm, queue);
        return pooled != null ? pooled : algorithm.generate();
    }

    /** Pairs ready now for an algorithm. */
    public int available(KeyAlgorithm algorithm) {
        BlockingQueue<KeyPair> queue = ready.get(algorithm);
        return queue == null ? 0 : queue.size();
    }

    private BlockingQueue<KeyPair> queue(KeyAlgorithm algorithm) {
        return ready.computeIfAbsent(algorithm, a -> new ArrayBlockingQueue<>(size));
    }

    private void refill(KeyAlgorithm algorithm, BlockingQueue<KeyPair> queue) {
        if (!refilling.add(algorithm)) {
            return;
        }
        try {
            refiller.execute(() -> {
                try {
                    while (queue.remainingCapacity() > 0 && queue.offer(algorithm.generate())) {
                        // fill up to the pool size
                    }
                } catch (RuntimeException e) {
                    Log.warnf("key pool: cannot generate %s keys: %s", algorithm, e.getMessage());
                } finally {
                    refilling.remove(algorithm);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            refilling.remove(algorithm);
        }
    }

    @PreDestroy
    void stop() {
        refiller.shutdownNow();
    }
}
