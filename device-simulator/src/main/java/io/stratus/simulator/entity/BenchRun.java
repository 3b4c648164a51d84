package io.stratus.simulator.entity;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One bench run: its parameters, its phase, and once done its result. Thread-safe. */
public final class BenchRun {

    private final String id;
    private final String tenant;
    private final String groupId;
    private final int devices;
    private final int concurrency;
    private final Set<String> handledAssignments = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allAssignmentsHandled;
    private final Map<String, BigInteger> received = new ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicInteger issuedSoFar = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger failedSoFar = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long runningSinceNanos;
    private final long createdNanos = System.nanoTime();
    private volatile double registrationSeconds = Double.NaN;
    private volatile double assignmentsSeconds = Double.NaN;

    private final Object holdLock = new Object();
    private boolean held;

    private BenchState state = BenchState.PREPARING;
    private String error;
    private BenchResult result;

    public BenchRun(String id, String tenant, String groupId, int devices, int concurrency) {
        this.id = id;
        this.tenant = tenant;
        this.groupId = groupId;
        this.devices = devices;
        this.concurrency = concurrency;
        this.allAssignmentsHandled = new CountDownLatch(devices);
    }

    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public String groupId() {
        return groupId;
    }

    public int devices() {
        return devices;
    }

    public int concurrency() {
        return concurrency;
    }

    /** A device of this run has handled (prepared, or failed to prepare) its assignment; counted once per device. */
    public void assignmentHandled(String deviceId) {
        if (handledAssignments.add(deviceId)) {
            allAssignmentsHandled.countDown();
            if (allAssignmentsHandled.getCount() == 0) {
                assignmentsSeconds = (System.nanoTime() - createdNanos) / 1e9;
            }
        }
    }

    /** Every device of the run is registered and in its group. */
    public void registered() {
        registrationSeconds = (System.nanoTime() - createdNanos) / 1e9;
    }

    /** Seconds from the start of the run until its devices were registered and grouped; NaN before. */
    public double registrationSeconds() {
        return registrationSeconds;
    }

    /**
     * Seconds from the start of the run until the last device had its assignment (with its sealed challenge) and
     * prepared its enrollment; NaN before, and for runs without assignments.
     */
    public double assignmentsSeconds() {
        return assignmentsSeconds;
    }

    /** Assignments handled so far. */
    public int assignmentsHandled() {
        return handledAssignments.size();
    }

    /** Waits until every device handled its assignment; false on timeout. */
    public boolean awaitAssignments(Duration timeout) throws InterruptedException {
        return allAssignmentsHandled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void running() {
        runningSinceNanos = System.nanoTime();
        state = BenchState.RUNNING;
    }

    /**
     * Holds the run: no device starts its enrollment until {@link #release()}; the enrollments in flight go on. The
     * chaos harness holds a run while the stack recovers from a fault, so that the fault hits the enrollments in
     * flight and the run keeps devices for the next fault.
     */
    public void hold() {
        synchronized (holdLock) {
            held = true;
        }
    }

    /** Lets the devices start their enrollments again. */
    public void release() {
        synchronized (holdLock) {
            held = false;
            holdLock.notifyAll();
        }
    }

    public boolean held() {
        synchronized (holdLock) {
            return held;
        }
    }

    /** Waits while the run is held; a device calls it before it starts its enrollment. */
    public void awaitReleased() throws InterruptedException {
        synchronized (holdLock) {
            while (held) {
                holdLock.wait();
            }
        }
    }

    /** One enrollment of the run finished. */
    public void enrollmentFinished(boolean issued) {
        (issued ? issuedSoFar : failedSoFar).incrementAndGet();
    }

    /** A device of the run holds a certificate it checked (for its key, chaining to its root). */
    public void certificateReceived(String deviceId, BigInteger serial) {
        received.put(deviceId, serial);
    }

    /** Serial number of the certificate each device received, by device id (device runs only, not static ones). */
    public Map<String, BigInteger> received() {
        return Map.copyOf(received);
    }

    /** Certificates issued so far (live while RUNNING). */
    public int issuedSoFar() {
        return issuedSoFar.get();
    }

    public int failedSoFar() {
        return failedSoFar.get();
    }

    /** Seconds since the enrollment phase started (0 while PREPARING). */
    public double secondsSoFar() {
        long since = runningSinceNanos;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
    }

    public double enrollmentsPerSecondSoFar() {
        double seconds = secondsSoFar();
        return seconds > 0 ? issuedSoFar.get() / seconds : 0;
    }

    public synchronized void done(BenchResult finished) {
        result = finished;
        state = BenchState.DONE;
    }

    public synchronized void failed(String reason) {
        error = reason;
        state = BenchState.FAILED;
    }

    public synchronized BenchState state() {
        return state;
    }

    public synchronized String error() {
        return error;
    }

    /** The result once DONE, else null. */
    public synchronized BenchResult result() {
        return result;
    }
}
