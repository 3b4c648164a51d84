package io.stratus.enrollment.service;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs CPU-heavy work (RSA key generation, CMS decryption and signing) on the worker pool and resumes
 * on the caller's Vert.x context, where the reactive database session lives.
 */
@ApplicationScoped
public class Workers {

    private final Vertx vertx;

    public Workers(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }

    /**
     * The same outcome, delivered on the Vert.x context of the caller (if it has one): for steps that
     * complete on a foreign thread (a Kafka acknowledgement) and are followed by database work.
     */
    public static <T> Uni<T> onCallerContext(Uni<T> uni) {
        Context context = io.vertx.core.Vertx.currentContext();
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
