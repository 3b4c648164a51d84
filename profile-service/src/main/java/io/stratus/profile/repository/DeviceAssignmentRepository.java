package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
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
