package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceGroup;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.GroupMemberRepository;
import io.stratus.profile.repository.GroupRepository;
import io.stratus.profile.repository.GroupUserMemberRepository;
import io.stratus.profile.repository.MembershipRows;
import io.stratus.profile.repository.UserRepository;
import io.stratus.profile.service.rules.MembershipRule;
import io.stratus.profile.service.rules.RuleParser;
import io.stratus.profile.service.rules.RuleSubject;
import io.stratus.profile.service.rules.RuleSyntaxException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the members of dynamic groups equal to what their rules select, evaluating rules in memory: the whole
 * tenant when a rule is set, only the changed devices or users when the inventory changes. Every change of
 * membership reconciles the group's assignments for exactly the devices that joined or left. Runs inside the
 * caller's transaction; the caller flushes its own changes first.
 */
@ApplicationScoped
public class DynamicMembership {

    private final GroupRepository groups;
    private final DeviceRepository devices;
    private final UserRepository users;
    private final GroupMemberRepository members;
    private final GroupUserMemberRepository userMembers;
    private final MembershipRows rows;
    private final MembershipReconciler reconciler;

    public DynamicMembership(GroupRepository groups, DeviceRepository devices, UserRepository users,
            GroupMemberRepository members, GroupUserMemberRepository userMembers, MembershipRows rows,
            MembershipReconciler reconciler) {
        this.groups = groups;
        this.devices = devices;
        this.users = users;
        this.members = members;
        this.userMembers = userMembers;
        this.rows = rows;
        this.reconciler = reconciler;
    }

    /** Parses a rule for the API: 400 problem+json naming the position when it does not parse. */
    public static MembershipRule parse(String text) {
        try {
            return RuleParser.parse(text);
        } catch (RuleSyntaxException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    /** Recomputes a dynamic group's members over the whole tenant (its rule was set or changed). */
    public Uni<MembershipChange> evaluate(DeviceGroup group) {
        MembershipRule rule = RuleParser.parse(group.membershipRule);
        if (rule.subject() == RuleSubject.DEVICE) {
            return devices.list("tenant = ?1", group.tenant)
                    .chain(all -> members.memberIds(group.id).chain(current -> userMembers.memberIds(group.id)
                            .chain(formerUsers -> {
                                Set<String> wanted = new LinkedHashSet<>();
                                all.stream().filter(rule::matches).forEach(device -> wanted.add(device.id));
                                return devices.ofUsers(group.tenant, formerUsers).chain(formerlyInScope -> {
                                    Set<String> extra = new HashSet<>();
                                    formerlyInScope.forEach(device -> extra.add(device.id));
                                    return rows.removeUsers(group.tenant, group.id, formerUsers)
                                            .chain(() -> applyDevices(group, wanted, current, extra));
                                });
                            })));
        }
        return users.list("tenant = ?1", group.tenant)
                .chain(all -> userMembers.memberIds(group.id).chain(current -> members.memberIds(group.id)
                        .chain(formerDevices -> {
                            Set<String> wanted = new LinkedHashSet<>();
                            all.stream().filter(rule::matches).forEach(user -> wanted.add(user.id));
                            return rows.removeDevices(group.tenant, group.id, formerDevices)
                                    .chain(() -> applyUsers(group, wanted, current, new HashSet<>(formerDevices)));
                        })));
    }

    /** Re-evaluates the tenant's device rules for devices that were created or changed. */
    public Uni<MembershipChange> devicesChanged(String tenant, List<Device> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().item(MembershipChange.NONE);
        }
        List<String> ids = changed.stream().map(device -> device.id).toList();
        return dynamicGroups(tenant, RuleSubject.DEVICE).chain(dynamic -> {
            Uni<MembershipChange> total = Uni.createFrom().item(MembershipChange.NONE);
            for (DeviceGroup group : dynamic) {
                MembershipRule rule = RuleParser.parse(group.membershipRule);
                Set<String> wanted = new LinkedHashSet<>();
                changed.stream().filter(rule::matches).forEach(device -> wanted.add(device.id));
                total = total.chain(sum -> members.membersAmong(tenant, List.of(group.id), ids)
                        .chain(current -> applyDevices(group, wanted, current, Set.of())).map(sum::plus));
            }
            return total;
        });
    }

    /** Re-evaluates the tenant's user rules for users that were created or changed. */
    public Uni<MembershipChange> usersChanged(String tenant, List<AppUser> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().item(MembershipChange.NONE);
        }
        List<String> ids = changed.stream().map(user -> user.id).toList();
        return dynamicGroups(tenant, RuleSubject.USER).chain(dynamic -> {
            Uni<MembershipChange> total = Uni.createFrom().item(MembershipChange.NONE);
            for (DeviceGroup group : dynamic) {
                MembershipRule rule = RuleParser.parse(group.membershipRule);
                Set<String> wanted = new LinkedHashSet<>();
                changed.stream().filter(rule::matches).forEach(user -> wanted.add(user.id));
                total = total.chain(sum -> userMembers.membersAmong(group.id, ids)
                        .chain(current -> applyUsers(group, wanted, current, Set.of())).map(sum::plus));
            }
            return total;
        });
    }

    /**
     * Devices whose primary user was set or changed: they enter or leave the scope of the groups the old or new
     * user is a member of. Reconciles those groups' assignments for exactly these devices.
     *
     * @param usersByDevice for each device, its former and new primary user ids (nulls ignored)
     */
    public Uni<DeploymentCounts> primaryUsersChanged(String tenant, Map<String, Set<String>> usersByDevice) {
        Set<String> userIds = new HashSet<>();
        usersByDevice.values().forEach(ids -> ids.stream().filter(Objects::nonNull).forEach(userIds::add));
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        return userMembers.membershipsOf(tenant, userIds).chain(memberships -> {
            Map<String, Set<String>> devicesByGroup = new TreeMap<>();
            for (GroupUserMemberRepository.Membership membership : memberships) {
                usersByDevice.forEach((deviceId, users) -> {
                    if (users.contains(membership.userId())) {
                        devicesByGroup.computeIfAbsent(membership.groupId(), id -> new LinkedHashSet<>())
                                .add(deviceId);
                    }
                });
            }
            Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
            for (Map.Entry<String, Set<String>> entry : devicesByGroup.entrySet()) {
                total = total.chain(sum -> groups.lock(tenant, List.of(entry.getKey()))
                        .chain(() -> reconciler.reconcile(tenant, entry.getKey(), entry.getValue()))
                        .map(sum::plus));
            }
            return total;
        });
    }

    /**
     * The tenant's dynamic groups whose rules select {@code subject}, after locking all its dynamic groups (a rule
     * may change subject): their rules and members, read afterwards, stay as read until the transaction ends.
     */
    private Uni<List<DeviceGroup>> dynamicGroups(String tenant, RuleSubject subject) {
        return groups.lockDynamicGroups(tenant).map(found -> found.stream()
                .filter(group -> RuleParser.parse(group.membershipRule).subject() == subject).toList());
    }

    /**
     * Makes {@code wanted} the members among {@code current}'s universe and reconciles the devices that joined or
     * left (and {@code alsoAffected}, devices that were in scope through former user members).
     */
    private Uni<MembershipChange> applyDevices(DeviceGroup group, Set<String> wanted, Collection<String> current,
            Set<String> alsoAffected) {
        Set<String> present = new HashSet<>(current);
        List<String> added = wanted.stream().filter(id -> !present.contains(id)).toList();
        List<String> removed = current.stream().filter(id -> !wanted.contains(id)).toList();
        Set<String> affected = new LinkedHashSet<>(added);
        affected.addAll(removed);
        affected.addAll(alsoAffected);
        if (affected.isEmpty()) {
            return Uni.createFrom().item(MembershipChange.NONE);
        }
        // the group lock orders this change with assignment creation (see GroupRepository#lock)
        return groups.lock(group.tenant, List.of(group.id))
                .chain(() -> rows.addDevices(group.tenant, group.id, added))
                .chain(() -> rows.removeDevices(group.tenant, group.id, removed))
                .chain(() -> reconciler.reconcile(group.tenant, group.id, affected))
                .map(counts -> new MembershipChange(added.size(), removed.size(), counts));
    }

    private Uni<MembershipChange> applyUsers(DeviceGroup group, Set<String> wanted, Collection<String> current,
            Set<String> alsoAffectedDevices) {
        Set<String> present = new HashSet<>(current);
        List<String> added = wanted.stream().filter(id -> !present.contains(id)).toList();
        List<String> removed = current.stream().filter(id -> !wanted.contains(id)).toList();
        List<String> changedUsers = new ArrayList<>(added);
        changedUsers.addAll(removed);
        if (changedUsers.isEmpty() && alsoAffectedDevices.isEmpty()) {
            return Uni.createFrom().item(MembershipChange.NONE);
        }
        return groups.lock(group.tenant, List.of(group.id))
                .chain(() -> rows.addUsers(group.tenant, group.id, added))
                .chain(() -> rows.removeUsers(group.tenant, group.id, removed))
                .chain(() -> devices.ofUsers(group.tenant, changedUsers))
                .chain(owned -> {
                    Set<String> affected = new LinkedHashSet<>(alsoAffectedDevices);
                    owned.forEach(device -> affected.add(device.id));
                    return reconciler.reconcile(group.tenant, group.id, affected);
                })
                .map(counts -> new MembershipChange(added.size(), removed.size(), counts));
    }
}
