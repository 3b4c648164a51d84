package io.stratus.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceGroup;
import io.stratus.profile.entity.GroupMember;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.DeviceAssignmentRepository;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.GroupMemberRepository;
import io.stratus.profile.repository.GroupRepository;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.rest.dto.GroupCreation;
import io.stratus.profile.rest.dto.GroupView;
import io.stratus.profile.rest.dto.MembersAdded;
import io.stratus.profile.rest.dto.MembersAddition;
import io.stratus.profile.mapping.Views;
import jakarta.enterprise.context.ApplicationScoped;

/** Device groups and their membership; new members receive the assignments that include the group. */
@ApplicationScoped
public class GroupService {

    static final int MAX_MEMBERS_PER_CALL = 1000;

    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final DeviceRepository devices;
    private final AssignmentRepository assignments;
    private final DeviceAssignmentRepository deviceAssignments;
    private final ScepProfileRepository scepProfiles;
    private final DeploymentService deployments;
    private final OutboxRelay relay;

    public GroupService(GroupRepository groups, GroupMemberRepository members, DeviceRepository devices,
            AssignmentRepository assignments, DeviceAssignmentRepository deviceAssignments,
            ScepProfileRepository scepProfiles, DeploymentService deployments, OutboxRelay relay) {
        this.groups = groups;
        this.members = members;
        this.devices = devices;
        this.assignments = assignments;
        this.deviceAssignments = deviceAssignments;
        this.scepProfiles = scepProfiles;
        this.deployments = deployments;
        this.relay = relay;
    }

    public Uni<DeviceGroup> create(String tenant, GroupCreation request) {
        DeviceGroup group = new DeviceGroup();
        group.id = UUID.randomUUID().toString();
        group.tenant = tenant;
        group.name = Require.text(Require.body(request).name(), "name");
        group.createdAt = Instant.now();
        return Panache.withTransaction(() -> groups.persist(group));
    }

    public Uni<GroupView> get(String tenant, String groupId) {
        return Panache.withSession(() -> find(tenant, groupId)
                .chain(group -> members.memberIds(group.id).map(ids -> Views.of(group, ids))));
    }

    public Uni<MembersAdded> addMembers(String tenant, String groupId, MembersAddition request) {
        List<String> deviceIds = Require.nonEmptyIds(Require.body(request).deviceIds(), "deviceIds",
                MAX_MEMBERS_PER_CALL);
        return Panache.withTransaction(() -> lock(tenant, groupId)
                .chain(group -> existingDevices(tenant, deviceIds))
                .chain(found -> members.membersAmong(tenant, List.of(groupId), deviceIds)
                        .map(already -> newMembers(found, already)))
                .chain(added -> persistMembers(tenant, groupId, added)
                        .chain(() -> deployToNewMembers(tenant, groupId, added))
                        .map(counts -> new MembersAdded(added.size(), counts.assigned()))))
                .onFailure().transform(failure -> Conflicts.asConflict(failure,
                        "the membership of group '" + groupId + "' changed concurrently; retry"))
                .invoke(result -> {
                    Log.infof("group %s of tenant %s: %d members added, %d assignments sent", groupId, tenant,
                            result.added(), result.assigned());
                    relay.wake();
                });
    }

    private Uni<DeviceGroup> find(String tenant, String groupId) {
        return groups.find(tenant, groupId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("group '" + groupId + "' not found in tenant " + tenant));
    }

    private Uni<DeviceGroup> lock(String tenant, String groupId) {
        return groups.lock(tenant, List.of(groupId)).map(locked -> locked.isEmpty() ? null : locked.get(0))
                .onItem().ifNull()
                .failWith(() -> ProblemException.notFound("group '" + groupId + "' not found in tenant " + tenant));
    }

    private Uni<List<Device>> existingDevices(String tenant, List<String> deviceIds) {
        return devices.findByIds(tenant, deviceIds).invoke(found -> {
            Set<String> known = new HashSet<>();
            found.forEach(device -> known.add(device.id));
            List<String> unknown = deviceIds.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.badRequest("unknown device id(s) in tenant " + tenant + ": "
                        + String.join(", ", unknown.subList(0, Math.min(10, unknown.size()))));
            }
        });
    }

    private static List<Device> newMembers(List<Device> found, List<String> alreadyMembers) {
        Set<String> already = new HashSet<>(alreadyMembers);
        return found.stream().filter(device -> !already.contains(device.id)).toList();
    }

    private Uni<Void> persistMembers(String tenant, String groupId, List<Device> added) {
        Instant now = Instant.now();
        List<GroupMember> rows = new ArrayList<>();
        for (Device device : added) {
            GroupMember member = new GroupMember();
            member.groupId = groupId;
            member.deviceId = device.id;
            member.tenant = tenant;
            member.addedAt = now;
            rows.add(member);
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : members.persist(rows);
    }

    /** For every assignment including the group: its ProfileAssigned for each new member in its scope. */
    private Uni<DeploymentCounts> deployToNewMembers(String tenant, String groupId, List<Device> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        return assignments.includingGroup(tenant, groupId).chain(including -> {
            Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
            for (Assignment assignment : including) {
                total = total.chain(sum -> deployToNewMembers(assignment, added).map(sum::plus));
            }
            return total;
        });
    }

    private Uni<DeploymentCounts> deployToNewMembers(Assignment assignment, List<Device> added) {
        List<String> addedIds = added.stream().map(device -> device.id).toList();
        return members.membersAmong(assignment.tenant, assignment.excludeGroupIds, addedIds)
                .chain(excluded -> deviceAssignments.devicesWithAssignment(assignment.id, addedIds)
                        .map(alreadyAssigned -> {
                            Set<String> skip = new HashSet<>(excluded);
                            skip.addAll(alreadyAssigned);
                            return added.stream().filter(device -> !skip.contains(device.id)).toList();
                        }))
                .chain(inScope -> inScope.isEmpty() ? Uni.createFrom().item(DeploymentCounts.NONE)
                        : scepProfiles.findById(assignment.profileId)
                                .chain(profile -> deployments.deploy(assignment, profile, inScope)));
    }
}
