package io.stratus.profile.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.DeploymentStatus;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.entity.DeviceAssignmentKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceAssignmentRepository implements PanacheRepositoryBase<DeviceAssignment, DeviceAssignmentKey> {

    public Uni<List<DeviceAssignment>> ofProfile(String tenant, String profileId) {
        return list("tenant = ?1 and profileId = ?2 order by deviceId, assignmentId", tenant, profileId);
    }

    /** Which of {@code deviceIds} already have a row for the assignment. */
    public Uni<List<String>> devicesWithAssignment(String assignmentId, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("assignmentId = ?1 and deviceId in ?2", assignmentId, deviceIds)
                .project(GroupMemberRepository.DeviceIdOnly.class).list()
                .map(rows -> rows.stream().map(GroupMemberRepository.DeviceIdOnly::deviceId).toList());
    }

    /** The rows of an assignment among {@code deviceIds} (all its rows when {@code deviceIds} is null). */
    public Uni<List<RowState>> rows(String assignmentId, Collection<String> deviceIds) {
        if (deviceIds != null && deviceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return deviceIds == null
                ? find("assignmentId = ?1", assignmentId).project(RowState.class).list()
                : find("assignmentId = ?1 and deviceId in ?2", assignmentId, deviceIds).project(RowState.class).list();
    }

    /** Removes the rows of an assignment for {@code deviceIds}. */
    public Uni<Integer> remove(String assignmentId, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return delete("assignmentId = ?1 and deviceId in ?2", assignmentId, deviceIds).map(Long::intValue);
    }

    /** A device's row of an assignment: whether a ProfileAssigned reached it. */
    public record RowState(String deviceId, boolean delivered) {
    }

    /**
     * Sets the outcome of a device's assignment; setting the same outcome twice changes nothing.
     *
     * @return the number of rows changed (0 when unknown or already in that state)
     */
    public Uni<Integer> recordOutcome(String tenant, String deviceId, String assignmentId, DeploymentStatus status,
            String serialNumber, Instant notAfter, String reason, Instant at) {
        return update("status = ?1, serialNumber = ?2, reason = ?3, updatedAt = ?4, notAfter = ?8"
                + " where tenant = ?5 and deviceId = ?6 and assignmentId = ?7"
                + " and (status <> ?1 or serialNumber is distinct from ?2 or reason is distinct from ?3)",
                status, serialNumber, reason, at, tenant, deviceId, assignmentId, notAfter);
    }

    /**
     * Marks the row that holds the revoked certificate FAILED with a "certificate revoked" reason (the serial
     * stays, so the report shows which certificate); a later CertificateIssued for the row replaces it.
     *
     * @return the number of rows changed (0 when no row holds that certificate or it is already marked)
     */
    public Uni<Integer> recordRevocation(String tenant, String deviceId, String serialNumber, String reason,
            Instant at) {
        return update("status = ?1, reason = ?2, updatedAt = ?3 where tenant = ?4 and deviceId = ?5"
                + " and serialNumber = ?6 and (status <> ?1 or reason is distinct from ?2)",
                DeploymentStatus.FAILED, reason, at, tenant, deviceId, serialNumber);
    }

    /** Every row of a device, in assignment order. */
    public Uni<List<DeviceAssignment>> ofDevice(String tenant, String deviceId) {
        return list("tenant = ?1 and deviceId = ?2 order by assignmentId", tenant, deviceId);
    }

    /**
     * Which assignments the devices have rows for (a projection: the rows are not loaded into the session, so
     * they can be replaced in the same transaction).
     */
    public Uni<List<RowRef>> refsOfDevices(String tenant, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("tenant = ?1 and deviceId in ?2", tenant, deviceIds).project(RowRef.class).list();
    }

    /** A device's row of an assignment, by key. */
    public record RowRef(String deviceId, String assignmentId) {
    }
}
