package io.stratus.profile.service;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs CPU-heavy work (sealing challenges) on a worker thread and continues on the caller's Vert.x
 * context, where the reactive Hibernate session of the current transaction lives.
 */
final class Offload {

    private Offload() {
    }

    static <T> Uni<T> onWorker(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        if (context == null) {
            return onWorker;
        }
        return onWorker.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
