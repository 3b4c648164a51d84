package io.stratus.profile.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.DeploymentStatus;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.entity.DeviceAssignmentKey;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceAssignmentRepository implements PanacheRepositoryBase<DeviceAssignment, DeviceAssignmentKey> {

    /** How many of the profile's device rows are in each status (statuses without rows are absent). */
    public Uni<Map<DeploymentStatus, Long>> statusCounts(String tenant, String profileId) {
        return Panache.getSession().chain(session -> session
                .createQuery("select d.status, count(d) from DeviceAssignment d where d.tenant = :tenant"
                        + " and d.profileId = :profileId group by d.status", Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("profileId", profileId)
                .getResultList())
                .map(rows -> {
                    Map<DeploymentStatus, Long> counts = new EnumMap<>(DeploymentStatus.class);
                    rows.forEach(row -> counts.put((DeploymentStatus) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /**
     * Over the profile's device rows: certificates held that expired by {@code now}, those that expire within
     * {@code expiringWithin} after it, and the certificates replaced by renewals.
     */
    public Uni<CertificateLifetimes> lifetimes(String tenant, String profileId, Instant now, Duration expiringWithin) {
        return Panache.getSession().chain(session -> session
                .createQuery("select count(case when d.status = :succeeded and d.notAfter <= :now then 1 end),"
                        + " count(case when d.status = :succeeded and d.notAfter > :now and d.notAfter <= :soon"
                        + " then 1 end), coalesce(sum(d.superseded), 0) from DeviceAssignment d"
                        + " where d.tenant = :tenant and d.profileId = :profileId", Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("profileId", profileId)
                .setParameter("now", now)
                .setParameter("soon", now.plus(expiringWithin))
                .setParameter("succeeded", DeploymentStatus.SUCCEEDED)
                .getSingleResult())
                .map(row -> new CertificateLifetimes(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue()));
    }

    /** Counts of a profile's certificates by where they are in their life. */
    public record CertificateLifetimes(long expired, long expiring, long superseded) {
    }

    /**
     * Up to {@code limit} of the profile's device rows in (device, assignment) order, starting after the row
     * ({@code afterDevice}, {@code afterAssignment}); from the first row when {@code afterDevice} is null.
     */
    public Uni<List<DeviceAssignment>> pageOfProfile(String tenant, String profileId, String afterDevice,
            String afterAssignment, int limit) {
        return afterDevice == null
                ? find("tenant = ?1 and profileId = ?2 order by deviceId, assignmentId", tenant, profileId)
                        .page(0, limit).list()
                : find("tenant = ?1 and profileId = ?2 and (deviceId > ?3 or (deviceId = ?3 and assignmentId > ?4))"
                        + " order by deviceId, assignmentId", tenant, profileId, afterDevice, afterAssignment)
                        .page(0, limit).list();
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
