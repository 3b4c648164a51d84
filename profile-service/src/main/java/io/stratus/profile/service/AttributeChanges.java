package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.DeviceAssignmentRepository;
import io.stratus.profile.repository.DeviceAssignmentRepository.RowRef;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Re-issues profiles whose resolution changed when a device's or user's attributes changed: a device whose
 * subject or SANs now resolve differently (or that now fails, or now succeeds) gets a new ProfileAssigned with a
 * fresh challenge, or a ProfileUnassigned if it had one and no longer resolves. Devices whose resolved policy is
 * the same are left alone. Use {@link #capture} before the change and {@link #redeployChanged} after it (flushed),
 * in the same transaction.
 */
@ApplicationScoped
public class AttributeChanges {

    private final DeviceRepository devices;
    private final UserRepository users;
    private final DeviceAssignmentRepository deviceAssignments;
    private final AssignmentRepository assignments;
    private final ScepProfileRepository profiles;
    private final DeploymentService deployments;
    private final PolicyResolver policies;
    private final ProfileConfig config;

    public AttributeChanges(DeviceRepository devices, UserRepository users,
            DeviceAssignmentRepository deviceAssignments, AssignmentRepository assignments,
            ScepProfileRepository profiles, DeploymentService deployments, PolicyResolver policies,
            ProfileConfig config) {
        this.devices = devices;
        this.users = users;
        this.deviceAssignments = deviceAssignments;
        this.assignments = assignments;
        this.profiles = profiles;
        this.deployments = deployments;
        this.policies = policies;
        this.config = config;
    }

    /** A device as it was: its attributes, its primary user and the assignments it had rows for. */
    public record Before(Device device, AppUser user, Set<String> assignmentIds) {
    }

    public Uni<Map<String, Before>> capture(String tenant, Collection<Device> changing) {
        if (changing.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = changing.stream().map(device -> device.id).toList();
        return usersOf(tenant, changing).chain(owners -> deviceAssignments.refsOfDevices(tenant, ids).map(rows -> {
            Map<String, Before> before = new LinkedHashMap<>();
            for (Device device : changing) {
                AppUser user = device.primaryUserId == null ? null : owners.get(device.primaryUserId);
                before.put(device.id, new Before(Snapshots.copy(device), Snapshots.copy(user), new HashSet<>()));
            }
            rows.forEach(row -> before.get(row.deviceId()).assignmentIds().add(row.assignmentId()));
            return before;
        }));
    }

    public Uni<DeploymentCounts> redeployChanged(String tenant, Map<String, Before> before) {
        if (before.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        return devices.findByIds(tenant, before.keySet())
                .chain(now -> usersOf(tenant, now)
                        .chain(owners -> deviceAssignments.refsOfDevices(tenant, before.keySet())
                                .chain(rows -> redeploy(tenant, before, now, owners, rows))));
    }

    private Uni<DeploymentCounts> redeploy(String tenant, Map<String, Before> before, List<Device> now,
            Map<String, AppUser> owners, List<RowRef> rows) {
        Map<String, Device> byId = new HashMap<>();
        now.forEach(device -> byId.put(device.id, device));
        Map<String, List<Device>> candidatesByAssignment = new LinkedHashMap<>();
        for (RowRef row : rows) {
            Before was = before.get(row.deviceId());
            Device device = byId.get(row.deviceId());
            if (was != null && device != null && was.assignmentIds().contains(row.assignmentId())) {
                candidatesByAssignment.computeIfAbsent(row.assignmentId(), id -> new ArrayList<>()).add(device);
            }
        }
        Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
        for (Map.Entry<String, List<Device>> entry : candidatesByAssignment.entrySet()) {
            total = total.chain(sum -> assignments.find(tenant, entry.getKey())
                    .chain(assignment -> profiles.findById(assignment.profileId).chain(profile -> {
                        List<Device> changed = entry.getValue().stream()
                                .filter(device -> !Objects.equals(
                                        outcome(profile, before.get(device.id).device(), before.get(device.id).user()),
                                        outcome(profile, device, device.primaryUserId == null ? null
                                                : owners.get(device.primaryUserId))))
                                .toList();
                        return deployments.redeployDevices(assignment, profile, changed);
                    }))
                    .map(sum::plus));
        }
        return total;
    }

    /** What the profile resolves to for the device: the policy, or why it does not apply or fails. */
    private Object outcome(ScepProfile profile, Device device, AppUser user) {
        if (device.platform != profile.platform) {
            return "not applicable";
        }
        try {
            return policies.resolve(profile, new VariableSource(device, user, config.deviceDomain().orElse(null)));
        } catch (ProfileResolutionException e) {
            return "failed: " + e.getMessage();
        }
    }

    private Uni<Map<String, AppUser>> usersOf(String tenant, Collection<Device> of) {
        Set<String> ids = new HashSet<>();
        of.stream().map(device -> device.primaryUserId).filter(Objects::nonNull).forEach(ids::add);
        return users.findByIds(tenant, ids).map(found -> {
            Map<String, AppUser> byId = new HashMap<>();
            found.forEach(user -> byId.put(user.id, Snapshots.copy(user)));
            return byId;
        });
    }
}
