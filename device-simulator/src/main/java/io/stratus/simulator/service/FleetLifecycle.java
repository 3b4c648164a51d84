package io.stratus.simulator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stratus.crypto.RenewalWindow;
import io.stratus.simulator.config.InstanceIdentity;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.AssignmentState;
import io.stratus.simulator.entity.DeviceAssignment;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The fleet's life after creation: at start, resumes the enrollments and renewals a restart
 * interrupted; then checks every {@code renewal-check-interval} which certificates passed their
 * assignment's renewal threshold and renews them.
 */
@ApplicationScoped
public class FleetLifecycle {

    private final DeviceRegistry registry;
    private final AssignmentDispatcher dispatcher;
    private final DeviceRenewer renewer;
    private final SimulatorConfig config;
    private final InstanceIdentity instance;
    private ScheduledExecutorService timer;

    public FleetLifecycle(DeviceRegistry registry, AssignmentDispatcher dispatcher, DeviceRenewer renewer,
            SimulatorConfig config, InstanceIdentity instance) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.renewer = renewer;
        this.config = config;
        this.instance = instance;
    }

    void start(@Observes StartupEvent started) {
        Log.infof("device simulator instance %s (Kafka consumer group %s), state in %s", instance.id(),
                instance.consumerGroup(), config.stateDir());
        registry.list(null).forEach(dispatcher::resume);
        Duration interval = config.renewalCheckInterval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulator-renewal-check");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::renewDue, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Schedules a renewal for every enrolled certificate past its threshold; returns how many. */
    public int renewDue() {
        int scheduled = 0;
        try {
            Instant now = Instant.now();
            for (SimulatedDevice device : registry.list(null)) {
                if (device.deferred()) {
                    continue;
                }
                for (DeviceAssignment assignment : device.assignments()) {
                    if (assignment.state() == AssignmentState.ENROLLED && assignment.certificate() != null
                            && assignment.event() != null
                            && RenewalWindow.isOpen(assignment.certificate(), assignment.event().renewalThresholdPercent(), now)
                            && renewer.schedule(device, assignment.assignmentId(), "renewal threshold reached")) {
                        scheduled++;
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "renewal check failed");
        }
        return scheduled;
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
