package io.stratus.simulator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.BenchResult;
import io.stratus.simulator.entity.BenchRun;
import io.stratus.simulator.entity.Platform;
import io.stratus.simulator.entity.PreparedEnrollment;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.service.DeviceEnroller.EnrollmentResult;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The enrollment benchmark: registers N fresh devices (identity keys generated up front), lets them
 * collect and prepare their assignments without enrolling, then enrolls them all with C in flight and
 * measures each SCEP exchange (first SCEP request until the certificate is in hand, polls included).
 */
@ApplicationScoped
public class BenchService {

    private final DeviceFactory factory;
    private final DeviceRegistrar registrar;
    private final DeviceEnroller enroller;
    private final StaticBench staticBench;
    private final SimulatorConfig config;
    private final Map<String, BenchRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService coordinator = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "simulator-bench");
        thread.setDaemon(true);
        return thread;
    });

    public BenchService(DeviceFactory factory, DeviceRegistrar registrar, DeviceEnroller enroller,
            StaticBench staticBench, SimulatorConfig config) {
        this.staticBench = staticBench;
        this.factory = factory;
        this.registrar = registrar;
        this.enroller = enroller;
        this.config = config;
    }

    /** Starts a run in the background and returns it (PREPARING). */
    public BenchRun start(String tenant, String groupId, int devices, int concurrency) {
        BenchRun run = newRun(tenant, groupId, devices, concurrency);
        coordinator.execute(() -> execute(run));
        return run;
    }

    /**
     * Starts a static-challenge run against any SCEP URL (no devices registered, no profile): the same client and
     * the same requests for Stratus and for a peer server ({@link StaticBench}).
     */
    public BenchRun startStatic(java.net.URI scepUrl, String challenge, int devices, int concurrency) {
        if (challenge == null || challenge.isBlank()) {
            throw new IllegalArgumentException("a static bench needs the server's challenge");
        }
        BenchRun run = newRun("static", scepUrl.toString(), devices, concurrency);
        coordinator.execute(() -> {
            try {
                List<Supplier<EnrollmentResult>> tasks = staticBench.prepare(run, scepUrl, challenge);
                run.running();
                run.done(enrollAll(run, tasks));
                Log.infof("static bench %s against %s done: %s", run.id(), scepUrl, run.result());
            } catch (RuntimeException e) {
                Log.warnf(e, "static bench %s failed", run.id());
                run.failed("bench failed: " + e.getMessage());
            }
        });
        return run;
    }

    private BenchRun newRun(String tenant, String target, int devices, int concurrency) {
        Requests.requireDeviceCount(devices, config.maxDevicesPerRequest());
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be between 1 and 1024");
        }
        BenchRun run = new BenchRun(UUID.randomUUID().toString(), tenant, target, devices, concurrency);
        runs.put(run.id(), run);
        return run;
    }

    /** Every run of this instance. */
    public List<BenchRun> runs() {
        return List.copyOf(runs.values());
    }

    public Optional<BenchRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** A bench device has prepared (or failed to prepare) its enrollment. */
    public void assignmentHandled(SimulatedDevice device) {
        BenchRun run = runs.get(device.benchId());
        if (run != null) {
            run.assignmentHandled(device.id());
        }
    }

    private void execute(BenchRun run) {
        try {
            List<SimulatedDevice> devices = factory.create(run.tenant(), Platform.WINDOWS, "bench-" + shortId(run),
                    run.devices(), run.id());
            List<SimulatedDevice> members = registrar.registerAll(run.tenant(), run.groupId(), devices);
            if (members.size() < devices.size()) {
                run.failed((devices.size() - members.size()) + " of " + devices.size()
                        + " devices could not be registered or grouped: " + firstError(devices));
                return;
            }
            run.registered();
            if (!run.awaitAssignments(config.benchAssignmentTimeout())) {
                run.failed("only " + run.assignmentsHandled() + " of " + run.devices() + " assignments arrived within "
                        + config.benchAssignmentTimeout().toSeconds() + " s");
                return;
            }
            List<Supplier<EnrollmentResult>> tasks = new ArrayList<>();
            for (SimulatedDevice device : devices) {
                PreparedEnrollment prepared = device.prepared();
                if (prepared != null) {
                    tasks.add(() -> {
                        EnrollmentResult result = enroller.enroll(device, prepared);
                        if (result.issued()) {
                            run.certificateReceived(device.id(), result.certificate().getSerialNumber());
                        }
                        return result;
                    });
                }
            }
            run.running();
            run.done(enrollAll(run, tasks));
            Log.infof("bench %s done: %s", run.id(), run.result());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.failed("interrupted");
        } catch (RuntimeException e) {
            Log.warnf(e, "bench %s failed", run.id());
            run.failed("bench failed: " + e.getMessage());
        }
    }

    /** Runs the enrollments with the run's concurrency; devices without a task count as failed. */
    private BenchResult enrollAll(BenchRun run, List<Supplier<EnrollmentResult>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(run.concurrency(), namedThreads("simulator-bench-enroll-"));
        try {
            long start = System.nanoTime();
            List<CompletableFuture<EnrollmentResult>> enrollments = new ArrayList<>();
            for (Supplier<EnrollmentResult> task : tasks) {
                enrollments.add(CompletableFuture.supplyAsync(() -> {
                    awaitReleased(run);
                    EnrollmentResult result = task.get();
                    run.enrollmentFinished(result.issued());
                    return result;
                }, pool));
            }
            List<Double> latencies = new ArrayList<>();
            for (CompletableFuture<EnrollmentResult> enrollment : enrollments) {
                EnrollmentResult result = enrollment.join();
                if (result.issued()) {
                    latencies.add(result.millis());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] issued = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            return BenchResult.of(issued, run.devices() - issued.length, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitReleased(BenchRun run) {
        try {
            run.awaitReleased();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("bench " + run.id() + " stopped while held");
        }
    }

    private static String firstError(List<SimulatedDevice> devices) {
        return devices.stream().map(SimulatedDevice::error).filter(e -> e != null).findFirst().orElse("unknown");
    }

    private static String shortId(BenchRun run) {
        return run.id().substring(0, 8);
    }

    private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        coordinator.shutdownNow();
    }
}
