package io.stratus.simulator.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.BenchRun;
import io.stratus.simulator.entity.BenchState;
import io.stratus.simulator.entity.DeviceState;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every {@code progress-interval}, while fleet devices enroll or a bench runs, logs a progress line
 * ({@code fleet: enrolled 1234/5000, failed 0, enrolling 8, 85.3/s}) and keeps the instance's issuance
 * rate for the status view.
 */
@ApplicationScoped
public class ProgressReporter {

    private final DeviceRegistry registry;
    private final BenchService benches;
    private final EnrollmentMetrics metrics;
    private final SimulatorConfig config;
    private ScheduledExecutorService timer;
    private volatile double enrollmentsPerSecond;
    private long lastIssued;
    private long lastNanos = System.nanoTime();

    public ProgressReporter(DeviceRegistry registry, BenchService benches, EnrollmentMetrics metrics,
            SimulatorConfig config) {
        this.registry = registry;
        this.benches = benches;
        this.metrics = metrics;
        this.config = config;
    }

    /** Certificates issued per second (enrollments and renewals, fleet and bench) over the last interval. */
    public double enrollmentsPerSecond() {
        return enrollmentsPerSecond;
    }

    void start(@Observes StartupEvent started) {
        Duration interval = config.progressInterval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulator-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Samples the counters and logs the progress lines; returns them. */
    public synchronized List<String> tick() {
        List<String> lines = new java.util.ArrayList<>();
        try {
            long issued = metrics.issuedCount();
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            long delta = issued - lastIssued;
            enrollmentsPerSecond = seconds > 0 ? delta / seconds : 0;
            lastIssued = issued;
            lastNanos = now;
            String fleet = fleetLine(delta > 0);
            if (fleet != null) {
                lines.add(fleet);
            }
            for (BenchRun run : benches.runs()) {
                if (run.state() == BenchState.PREPARING || run.state() == BenchState.RUNNING) {
                    lines.add(benchLine(run));
                }
            }
            lines.forEach(line -> Log.info(line));
        } catch (RuntimeException e) {
            Log.warnf(e, "progress report failed");
        }
        return lines;
    }

    private String fleetLine(boolean issuedSinceLastTick) {
        int devices = 0;
        int[] counts = new int[DeviceState.values().length];
        for (SimulatedDevice device : registry.list(null)) {
            if (!device.deferred()) {
                devices++;
                counts[device.state().ordinal()]++;
            }
        }
        int enrolling = counts[DeviceState.ENROLLING.ordinal()];
        if (enrolling == 0 && !issuedSinceLastTick) {
            return null;
        }
        return String.format(Locale.ROOT, "fleet: enrolled %d/%d, failed %d, enrolling %d, %.1f/s",
                counts[DeviceState.ENROLLED.ordinal()], devices, counts[DeviceState.FAILED.ordinal()], enrolling,
                enrollmentsPerSecond);
    }

    private static String benchLine(BenchRun run) {
        return String.format(Locale.ROOT, "bench %s (%s): enrolled %d/%d, failed %d, %.1f/s", run.id(),
                run.state(), run.issuedSoFar(), run.devices(), run.failedSoFar(), run.enrollmentsPerSecondSoFar());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
