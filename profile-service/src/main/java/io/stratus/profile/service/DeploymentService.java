package io.stratus.profile.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.stratus.events.CloudEvent;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.events.TrustedCertificate;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.messaging.OutboxWriter;
import io.stratus.profile.repository.DeviceAssignmentRepository;
import io.stratus.profile.repository.DeviceAssignmentRepository.RowState;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.repository.TrustedProfileRepository;
import io.stratus.profile.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deploys and withdraws assignments inside the caller's transaction: one status row per device and
 * assignment, a ProfileAssigned event in the outbox for each device the profile resolves for, and a
 * ProfileUnassigned event for each device that had received one and leaves the assignment's scope.
 */
@ApplicationScoped
public class DeploymentService {

    private final DeploymentPlanner planner;
    private final TrustedProfileRepository trustedProfiles;
    private final DeviceAssignmentRepository deviceAssignments;
    private final DeviceRepository devices;
    private final UserRepository users;
    private final ScepProfileRepository profiles;
    private final OutboxWriter outbox;

    public DeploymentService(DeploymentPlanner planner, TrustedProfileRepository trustedProfiles,
            DeviceAssignmentRepository deviceAssignments, DeviceRepository devices, UserRepository users,
            ScepProfileRepository profiles, OutboxWriter outbox) {
        this.planner = planner;
        this.trustedProfiles = trustedProfiles;
        this.deviceAssignments = deviceAssignments;
        this.devices = devices;
        this.users = users;
        this.profiles = profiles;
        this.outbox = outbox;
    }

    /** Deploys to devices that have no row for the assignment yet. */
    public Uni<DeploymentCounts> deploy(Assignment assignment, ScepProfile profile, List<Device> targets) {
        return plans(assignment, profile, targets).map(DeploymentCounts::of);
    }

    private Uni<List<PlannedDeployment>> plans(Assignment assignment, ScepProfile profile, List<Device> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return trustedCertificates(profile)
                .chain(trusted -> usersOf(assignment.tenant, targets)
                        .chain(owners -> Offload.onWorker(() -> planner.plan(profile, trusted, assignment.id, targets,
                                owners))))
                .call(plans -> deviceAssignments.persist(plans.stream().map(PlannedDeployment::status).toList()))
                .call(plans -> outbox.append(events(plans)));
    }

    /**
     * Brings the assignment's rows for {@code candidates} in line with its scope: devices newly in scope are
     * deployed to, devices no longer in scope are withdrawn. Devices outside {@code candidates} are untouched.
     */
    public Uni<DeploymentCounts> reconcile(Assignment assignment, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        return devices.inScopeAmong(assignment.tenant, assignment.includeGroupIds, assignment.excludeGroupIds,
                candidates)
                .chain(inScope -> deviceAssignments.rows(assignment.id, candidates).chain(rows -> {
                    Set<String> present = new HashSet<>();
                    rows.forEach(row -> present.add(row.deviceId()));
                    Set<String> wanted = new HashSet<>();
                    inScope.forEach(device -> wanted.add(device.id));
                    List<Device> toDeploy = inScope.stream().filter(device -> !present.contains(device.id)).toList();
                    List<RowState> toWithdraw = rows.stream().filter(row -> !wanted.contains(row.deviceId()))
                            .toList();
                    return withdraw(assignment, toWithdraw).chain(withdrawn -> toDeploy.isEmpty()
                            ? Uni.createFrom().item(withdrawn)
                            : profiles.findById(assignment.profileId)
                                    .chain(profile -> deploy(assignment, profile, toDeploy)).map(withdrawn::plus));
                }));
    }

    /** Withdraws the whole assignment (before it is deleted). */
    public Uni<DeploymentCounts> withdrawAll(Assignment assignment) {
        return deviceAssignments.rows(assignment.id, null).chain(rows -> withdraw(assignment, rows));
    }

    /**
     * Re-deploys an edited profile to every device in the assignment's scope with fresh challenges; devices
     * that had it and no longer resolve (or no longer match the platform) are sent a ProfileUnassigned.
     */
    public Uni<DeploymentCounts> redeploy(Assignment assignment, ScepProfile profile) {
        return deviceAssignments.rows(assignment.id, null)
                .chain(rows -> devices.inScope(assignment.tenant, assignment.includeGroupIds,
                        assignment.excludeGroupIds)
                        .chain(inScope -> withdraw(assignment, rows, false)
                                .chain(ignored -> plans(assignment, profile, inScope))
                                .chain(plans -> unassignLost(assignment, rows, plans))));
    }

    /**
     * Re-plans the assignment for {@code targets} only (their attributes changed): each gets a new ProfileAssigned
     * with a fresh challenge; a target that had received it and no longer resolves gets a ProfileUnassigned.
     */
    public Uni<DeploymentCounts> redeployDevices(Assignment assignment, ScepProfile profile, List<Device> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        List<String> ids = targets.stream().map(device -> device.id).toList();
        return deviceAssignments.rows(assignment.id, ids)
                .chain(rows -> withdraw(assignment, rows, false)
                        .chain(ignored -> plans(assignment, profile, targets))
                        .chain(plans -> unassignLost(assignment, rows, plans)));
    }

    /** Withdraws every assignment from a device that is being deleted: ProfileUnassigned where one was sent. */
    public Uni<DeploymentCounts> withdrawDevice(String tenant, String deviceId) {
        return deviceAssignments.ofDevice(tenant, deviceId).chain(rows -> {
            List<DeviceAssignment> delivered = rows.stream().filter(row -> row.delivered).toList();
            return revokingProfiles(delivered.stream().map(row -> row.profileId).toList()).chain(revoking -> {
                List<CloudEvent> events = delivered.stream()
                        .map(row -> CloudEvent.of(DeploymentPlanner.EVENT_SOURCE, new ProfileUnassignedEvent(tenant,
                                deviceId, row.assignmentId, row.profileId, revoking.contains(row.profileId))))
                        .toList();
                return deviceAssignments.delete("tenant = ?1 and deviceId = ?2", tenant, deviceId)
                        .call(() -> outbox.append(events))
                        .map(removed -> DeploymentCounts.unassigned(events.size()));
            });
        });
    }

    /** Of these profile ids, those whose profile revokes on unassignment. */
    private Uni<Set<String>> revokingProfiles(List<String> profileIds) {
        Uni<Set<String>> revoking = Uni.createFrom().item(new HashSet<>());
        for (String profileId : new HashSet<>(profileIds)) {
            revoking = revoking.call(set -> revokesOnUnassignment(profileId).invoke(revokes -> {
                if (revokes) {
                    set.add(profileId);
                }
            }));
        }
        return revoking;
    }

    private Uni<Boolean> revokesOnUnassignment(String profileId) {
        return profiles.findById(profileId).map(profile -> profile != null && profile.revokeOnUnassignment);
    }

    /** ProfileUnassigned for devices that had the profile and, after the edit, no longer get it. */
    private Uni<DeploymentCounts> unassignLost(Assignment assignment, List<RowState> before,
            List<PlannedDeployment> plans) {
        Set<String> deliveredNow = new HashSet<>();
        plans.stream().filter(plan -> plan.status().delivered).forEach(plan -> deliveredNow.add(plan.status().deviceId));
        List<String> lostDevices = before.stream().filter(RowState::delivered)
                .map(RowState::deviceId).filter(deviceId -> !deliveredNow.contains(deviceId)).toList();
        DeploymentCounts counts = DeploymentCounts.of(plans).plus(DeploymentCounts.unassigned(lostDevices.size()));
        return unassigned(assignment, lostDevices).chain(outbox::append).replaceWith(counts);
    }

    private Uni<DeploymentCounts> withdraw(Assignment assignment, List<RowState> rows) {
        return withdraw(assignment, rows, true);
    }

    private Uni<DeploymentCounts> withdraw(Assignment assignment, List<RowState> rows, boolean announce) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        List<String> announced = announce
                ? rows.stream().filter(RowState::delivered).map(RowState::deviceId).toList()
                : List.of();
        return deviceAssignments.remove(assignment.id, rows.stream().map(RowState::deviceId).toList())
                .chain(() -> unassigned(assignment, announced))
                .call(outbox::append)
                .map(events -> DeploymentCounts.unassigned(events.size()));
    }

    /** ProfileUnassigned for these devices, asking for revocation when the assignment's profile says so. */
    private Uni<List<CloudEvent>> unassigned(Assignment assignment, List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return revokesOnUnassignment(assignment.profileId).map(revokes -> deviceIds.stream()
                .map(deviceId -> CloudEvent.of(DeploymentPlanner.EVENT_SOURCE, new ProfileUnassignedEvent(
                        assignment.tenant, deviceId, assignment.id, assignment.profileId, revokes)))
                .toList());
    }

    private Uni<Map<String, AppUser>> usersOf(String tenant, List<Device> targets) {
        Set<String> ids = new HashSet<>();
        targets.stream().map(device -> device.primaryUserId).filter(Objects::nonNull).forEach(ids::add);
        return users.findByIds(tenant, ids).map(found -> {
            Map<String, AppUser> byId = new HashMap<>();
            found.forEach(user -> byId.put(user.id, user));
            return byId;
        });
    }

    private Uni<List<TrustedCertificate>> trustedCertificates(ScepProfile profile) {
        return trustedProfiles.findByIds(profile.tenant, profile.trustedProfileIds)
                .map(found -> profile.trustedProfileIds.stream()
                        .flatMap(id -> found.stream().filter(trusted -> trusted.id.equals(id)))
                        .map(trusted -> new TrustedCertificate(trusted.authorityId, trusted.store.name(),
                                trusted.certificatePem))
                        .toList());
    }

    private static List<CloudEvent> events(List<PlannedDeployment> plans) {
        return plans.stream().map(PlannedDeployment::event).filter(Objects::nonNull).toList();
    }
}
