package io.stratus.enrollment.service;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PKCSReqs waiting for the CA's answer, by transaction ({@link TransactionKey}). A waiter holds no thread: it is a future
 * completed by the certificates consumer of this instance, by the announcement of an outcome another replica
 * stored, or given up after the reply timeout.
 */
@ApplicationScoped
public class IssuanceWaiters {

    private final ConcurrentMap<TransactionKey, CompletableFuture<Enrollment>> waiting = new ConcurrentHashMap<>();
    private final LongAdder expiredWaits = new LongAdder();

    /** Starts waiting for a transaction; call before the request is published so no answer is missed. */
    public Waiter register(TransactionKey key) {
        return new Waiter(key, waiting.computeIfAbsent(key, id -> new CompletableFuture<>()));
    }

    /** Hands the CA's answer to whoever waits for it on this instance. */
    public void complete(Enrollment outcome) {
        CompletableFuture<Enrollment> future = waiting.remove(outcome.key());
        if (future != null) {
            future.complete(outcome);
        }
    }

    /** Whether a request on this instance waits for the transaction. */
    public boolean isWaiting(TransactionKey key) {
        return waiting.containsKey(key);
    }

    /** The transactions requests on this instance wait for now. */
    public Set<TransactionKey> waitingTransactions() {
        return Set.copyOf(waiting.keySet());
    }

    /** How many waits ran out before an answer came, since the start (a counter). */
    public long expiredWaits() {
        return expiredWaits.sum();
    }

    /** How many requests wait now (a gauge). */
    public int size() {
        return waiting.size();
    }

    /** One registered wait. */
    public final class Waiter {
        private final TransactionKey key;
        private final CompletableFuture<Enrollment> future;

        private Waiter(TransactionKey key, CompletableFuture<Enrollment> future) {
            this.key = key;
            this.future = future;
        }

        /**
         * The answer, or null after {@code timeout}; resumes on the caller's Vert.x context (if any).
         */
        public Uni<Enrollment> await(Duration timeout) {
            Context context = Vertx.currentContext();
            Uni<Enrollment> answer = Uni.createFrom().completionStage(future)
                    .ifNoItem().after(timeout).recoverWithItem(() -> {
                        expiredWaits.increment();
                        return null;
                    })
                    .eventually(this::cancel);
            return context == null ? answer : answer.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }

        /** Stops waiting (the request could not be relayed, or the wait is over). */
        public void cancel() {
            waiting.remove(key, future);
        }
    }
}
