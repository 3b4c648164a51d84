package io.stratus.profile.service;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.profile.repository.ReportSnapshots;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts each profile's devices by status once per {@code stratus.profile.report-history.interval}, at start and then
 * on a timer, and forgets counts older than the retention: the points of a deployment report over time. A count is
 * stored under the start of its interval, so replicas that count in the same interval keep one.
 */
@ApplicationScoped
public class ReportHistory {

    private final ReportSnapshots snapshots;
    private final ProfileConfig.ReportHistory config;
    private final Vertx vertx;
    private volatile long timerId = -1;

    public ReportHistory(ReportSnapshots snapshots, ProfileConfig config, Vertx vertx) {
        this.snapshots = snapshots;
        this.config = config.reportHistory();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        takeInBackground();
        timerId = vertx.setPeriodic(config.interval().toMillis(), id -> takeInBackground());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void takeInBackground() {
        take(Instant.now()).subscribe().with(counted -> Log.debugf("report history: %d profile(s) counted", counted),
                failure -> Log.warnf("report history not counted (next interval tries again): %s", failure.toString()));
    }

    /** Counts every profile's devices for the interval that holds {@code now}; completes with the profiles counted. */
    public Uni<Integer> take(Instant now) {
        return snapshots.take(intervalStart(now, config.interval()))
                .call(() -> snapshots.deleteBefore(now.minus(config.retention())));
    }

    /** The start of the interval that holds {@code now}, intervals counted from the epoch. */
    static Instant intervalStart(Instant now, Duration interval) {
        long millis = interval.toMillis();
        return Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), millis));
    }

    /** The interval between two counts, as configured. */
    public Duration interval() {
        return config.interval();
    }

    /** How long counts are kept, as configured. */
    public Duration retention() {
        return config.retention();
    }
}
