package io.stratus.simulator.entity;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.stratus.crypto.Serials;
import io.stratus.events.ProfileAssignedEvent;

/**
 * One simulated MDM-managed device: its identity key pair (registered at profile-service; the
 * challenges of its assignments are sealed to it), its primary user, and its assignments (each with
 * its trusted certificates, certificate and key). The device's state sums up its assignments.
 * Thread-safe.
 */
public final class SimulatedDevice {

    private final String id;
    private final String tenant;
    private final String name;
    private final Platform platform;
    private final String serialNumber;
    private final KeyPair identity;
    private final String benchId;
    private final Instant createdAt;
    private final String primaryUser;
    private final Set<String> seenEvents = ConcurrentHashMap.newKeySet();
    private final Object enrollmentLock = new Object();
    private final Object persistLock = new Object();
    private final Map<String, DeviceAssignment> assignments = new LinkedHashMap<>();

    private String registrationError;
    private PreparedEnrollment prepared;

    public SimulatedDevice(String id, String tenant, String name, Platform platform, String serialNumber,
            KeyPair identity, String benchId) {
        this(id, tenant, name, platform, serialNumber, identity, benchId, null, Instant.now());
    }

    /**
     * @param primaryUser the userPrincipalName of the device's primary user, or null
     */
    public SimulatedDevice(String id, String tenant, String name, Platform platform, String serialNumber,
            KeyPair identity, String benchId, String primaryUser, Instant createdAt) {
        this.id = id;
        this.tenant = tenant;
        this.name = name;
        this.platform = platform;
        this.serialNumber = serialNumber;
        this.identity = identity;
        this.benchId = benchId;
        this.primaryUser = primaryUser;
        this.createdAt = createdAt;
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

    /** The userPrincipalName of the primary user, or null. */
    public String primaryUser() {
        return primaryUser;
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

    /** Held while the device enrolls or renews, so two SCEP exchanges of one device never run at once. */
    public Object enrollmentLock() {
        return enrollmentLock;
    }

    /** Held while the device's state is written, so an older snapshot never overwrites a newer one. */
    public Object persistLock() {
        return persistLock;
    }

    /** True the first time an event id is seen: redelivered events are skipped. */
    public boolean firstDelivery(String eventId) {
        return seenEvents.add(eventId);
    }

    /**
     * Takes a ProfileAssigned: true when the device must (re-)enroll for it, false when its challenge was
     * acted on before (a replayed or redelivered event).
     */
    public synchronized boolean receive(ProfileAssignedEvent assigned) {
        DeviceAssignment assignment = assignments.get(assigned.assignmentId());
        if (assignment != null && assignment.handled(assigned.challengeHash())) {
            return false;
        }
        if (assignment == null) {
            assignment = new DeviceAssignment(assigned.assignmentId());
            assignments.put(assigned.assignmentId(), assignment);
        }
        assignment.accept(assigned);
        return true;
    }

    public synchronized void installed(String assignmentId, List<InstalledCertificate> certificates) {
        find(assignmentId).ifPresent(a -> a.installed(certificates));
    }

    public synchronized void enrolled(String assignmentId, X509Certificate issued, PrivateKey key, long millis,
            boolean renewal) {
        find(assignmentId).ifPresent(a -> a.enrolled(issued, key, millis, renewal));
        prepared = null;
    }

    /** The enrollment of an assignment failed. */
    public synchronized void failed(String assignmentId, String reason) {
        find(assignmentId).ifPresent(a -> a.failed(reason));
        prepared = null;
    }

    /** Registration at profile-service (or group membership) failed: the device gets no assignment. */
    public synchronized void registrationFailed(String reason) {
        registrationError = reason;
    }

    /** Starts renewing an enrolled assignment; false when it holds no valid certificate. */
    public synchronized boolean renewing(String assignmentId) {
        Optional<DeviceAssignment> assignment = find(assignmentId);
        if (assignment.isEmpty() || assignment.get().state() != AssignmentState.ENROLLED
                || assignment.get().certificate() == null) {
            return false;
        }
        assignment.get().renewing();
        return true;
    }

    public synchronized void renewalFailed(String assignmentId, String reason) {
        find(assignmentId).ifPresent(a -> a.renewalFailed(reason));
    }

    /** Marks the assignment holding this certificate serial (hex) REVOKED; false when none holds it. */
    public synchronized boolean revoke(String serialHex, String reason) {
        for (DeviceAssignment assignment : assignments.values()) {
            X509Certificate certificate = assignment.certificate();
            if (certificate != null && assignment.active() && assignment.state() != AssignmentState.REVOKED
                    && Serials.hex(certificate.getSerialNumber()).equalsIgnoreCase(serialHex)) {
                assignment.revoked(reason);
                return true;
            }
        }
        return false;
    }

    /** Removes an assignment's certificate, key and trusted certificates; false when unknown or removed before. */
    public synchronized boolean unassign(String assignmentId) {
        Optional<DeviceAssignment> assignment = find(assignmentId);
        if (assignment.isEmpty() || !assignment.get().active()) {
            return false;
        }
        assignment.get().unassigned();
        return true;
    }

    public synchronized void prepared(PreparedEnrollment enrollment) {
        prepared = enrollment;
    }

    /** The enrollment a deferred device prepared from its assignment, or null. */
    public synchronized PreparedEnrollment prepared() {
        return prepared;
    }

    /** Copies of the assignments, in arrival order. */
    public synchronized List<DeviceAssignment> assignments() {
        return assignments.values().stream().map(DeviceAssignment::copy).toList();
    }

    /** A copy of one assignment. */
    public synchronized Optional<DeviceAssignment> assignment(String assignmentId) {
        return find(assignmentId).map(DeviceAssignment::copy);
    }

    /** Puts back a persisted assignment. */
    public synchronized void restore(DeviceAssignment assignment) {
        assignments.put(assignment.assignmentId(), assignment);
    }

    public synchronized void restoreRegistrationError(String error) {
        registrationError = error;
    }

    public synchronized String registrationError() {
        return registrationError;
    }

    /** The device's state summed up over its assignments (see {@link DeviceState}). */
    public synchronized DeviceState state() {
        if (registrationError != null) {
            return DeviceState.FAILED;
        }
        boolean enrolled = false;
        boolean revoked = false;
        for (DeviceAssignment assignment : assignments.values()) {
            switch (assignment.state()) {
                case ENROLLING:
                case RENEWING:
                    return DeviceState.ENROLLING;
                case FAILED:
                    return DeviceState.FAILED;
                case ENROLLED:
                    enrolled = true;
                    break;
                case REVOKED:
                    revoked = true;
                    break;
                default:
                    break;
            }
        }
        if (enrolled) {
            return DeviceState.ENROLLED;
        }
        return revoked ? DeviceState.REVOKED : DeviceState.WAITING;
    }

    /** The registration error, else the error of the first assignment that has one. */
    public synchronized String error() {
        if (registrationError != null) {
            return registrationError;
        }
        return assignments.values().stream().map(DeviceAssignment::error).filter(e -> e != null).findFirst()
                .orElse(null);
    }

    /** The most recently issued certificate still in use, or null. */
    public synchronized X509Certificate certificate() {
        return latestValid().map(DeviceAssignment::certificate).orElse(null);
    }

    /** How long the enrollment of {@link #certificate()} took (ms), or null. */
    public synchronized Long enrollMillis() {
        return latestValid().map(DeviceAssignment::enrollMillis).orElse(null);
    }

    /** The certificate stores: the trusted certificates of every assignment the device still holds. */
    public synchronized DeviceTrustStore trustStore() {
        List<InstalledCertificate> installed = new ArrayList<>();
        for (DeviceAssignment assignment : assignments.values()) {
            if (assignment.active()) {
                installed.addAll(assignment.trusted());
            }
        }
        return DeviceTrustStore.of(installed);
    }

    private Optional<DeviceAssignment> latestValid() {
        return assignments.values().stream().filter(DeviceAssignment::holdsValidCertificate)
                .max(Comparator.comparing(a -> a.enrolledAt() == null ? Instant.EPOCH : a.enrolledAt()));
    }

    private Optional<DeviceAssignment> find(String assignmentId) {
        return Optional.ofNullable(assignmentId == null ? null : assignments.get(assignmentId));
    }
}
