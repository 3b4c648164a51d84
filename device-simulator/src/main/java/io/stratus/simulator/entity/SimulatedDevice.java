package io.stratus.simulator.entity;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated MDM-managed device: its identity key pair (registered at profile-service; the
 * challenges of its assignments are sealed to it), its certificate stores and its enrollment state.
 * Held in memory only. Thread-safe.
 */
public final class SimulatedDevice {

    private final String id;
    private final String tenant;
    private final String name;
    private final Platform platform;
    private final String serialNumber;
    private final KeyPair identity;
    private final String benchId;
    private final Instant createdAt = Instant.now();
    private final DeviceTrustStore trustStore = new DeviceTrustStore();
    private final Set<String> seenEvents = ConcurrentHashMap.newKeySet();
    private final Object enrollmentLock = new Object();

    private DeviceState state = DeviceState.WAITING;
    private String error;
    private X509Certificate certificate;
    private List<X509Certificate> chain = List.of();
    private Long enrollMillis;
    private PreparedEnrollment prepared;

    public SimulatedDevice(String id, String tenant, String name, Platform platform, String serialNumber,
            KeyPair identity, String benchId) {
        this.id = id;
        this.tenant = tenant;
        this.name = name;
        this.platform = platform;
        this.serialNumber = serialNumber;
        this.identity = identity;
        this.benchId = benchId;
    }

    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public String name() {
        return name;
    }

    public Platform platform() {
        return platform;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public KeyPair identity() {
        return identity;
    }

    /** The bench run this device belongs to, or null for a fleet device. */
    public String benchId() {
        return benchId;
    }

    /** A bench device collects its assignment and waits for the bench to start its enrollment. */
    public boolean deferred() {
        return benchId != null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public DeviceTrustStore trustStore() {
        return trustStore;
    }

    /** Held while the device enrolls, so two assignments of one device never enroll at once. */
    public Object enrollmentLock() {
        return enrollmentLock;
    }

    /** True the first time an event id is seen: redelivered events are skipped. */
    public boolean firstDelivery(String eventId) {
        return seenEvents.add(eventId);
    }

    public synchronized void enrolling() {
        state = DeviceState.ENROLLING;
        error = null;
    }

    public synchronized void enrolled(X509Certificate issued, List<X509Certificate> issuedChain, long millis) {
        state = DeviceState.ENROLLED;
        error = null;
        certificate = issued;
        chain = List.copyOf(issuedChain);
        enrollMillis = millis;
        prepared = null;
    }

    public synchronized void failed(String reason) {
        state = DeviceState.FAILED;
        error = reason;
        prepared = null;
    }

    public synchronized void prepared(PreparedEnrollment enrollment) {
        prepared = enrollment;
    }

    /** The enrollment a deferred device prepared from its assignment, or null. */
    public synchronized PreparedEnrollment prepared() {
        return prepared;
    }

    public synchronized DeviceState state() {
        return state;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized X509Certificate certificate() {
        return certificate;
    }

    /** The validated chain of the certificate, from the certificate up to (not including) the root. */
    public synchronized List<X509Certificate> chain() {
        return chain;
    }

    public synchronized Long enrollMillis() {
        return enrollMillis;
    }
}
