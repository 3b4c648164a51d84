package io.stratus.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceGroup;
import io.stratus.profile.entity.GroupMember;
import io.stratus.profile.entity.GroupMemberKey;
import io.stratus.profile.entity.GroupUserMember;
import io.stratus.profile.entity.GroupUserMemberKey;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.GroupMemberRepository;
import io.stratus.profile.repository.GroupRepository;
import io.stratus.profile.repository.GroupUserMemberRepository;
import io.stratus.profile.repository.UserRepository;
import io.stratus.profile.rest.dto.GroupChanged;
import io.stratus.profile.rest.dto.GroupCreation;
import io.stratus.profile.rest.dto.GroupMembers;
import io.stratus.profile.rest.dto.GroupSummary;
import io.stratus.profile.rest.dto.GroupView;
import io.stratus.profile.rest.dto.MemberRemoved;
import io.stratus.profile.rest.dto.MembersAdded;
import io.stratus.profile.rest.dto.MembersAddition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Groups of devices and users. A membership change reconciles every assignment that includes or excludes the
 * group, for exactly the devices the change concerns (the device itself, or a user's primary devices).
 */
@ApplicationScoped
public class GroupService {

    static final int MAX_MEMBERS_PER_CALL = 1000;

    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final GroupUserMemberRepository userMembers;
    private final DeviceRepository devices;
    private final UserRepository users;
    private final AssignmentRepository assignments;
    private final MembershipReconciler reconciler;
    private final DynamicMembership dynamic;
    private final OutboxRelay relay;
    private final ChangeAudit audit;

    public GroupService(GroupRepository groups, GroupMemberRepository members, GroupUserMemberRepository userMembers,
            DeviceRepository devices, UserRepository users, AssignmentRepository assignments,
            MembershipReconciler reconciler, DynamicMembership dynamic, OutboxRelay relay, ChangeAudit audit) {
        this.audit = audit;
        this.groups = groups;
        this.members = members;
        this.userMembers = userMembers;
        this.devices = devices;
        this.users = users;
        this.assignments = assignments;
        this.reconciler = reconciler;
        this.dynamic = dynamic;
        this.relay = relay;
    }

    /** How the audit log names a group. */
    static String target(String id) {
        return "group:" + id;
    }

    /** Creates a static group, or a dynamic one whose members its rule selects right away. */
    public Uni<GroupChanged> create(String tenant, GroupCreation request) {
        DeviceGroup group = new DeviceGroup();
        group.id = UUID.randomUUID().toString();
        group.tenant = tenant;
        group.name = Require.text(Require.body(request).name(), "name");
        group.membershipRule = rule(request.membershipRule());
        group.createdAt = Instant.now();
        group.updatedAt = group.createdAt;
        return Panache.withTransaction(() -> groups.persist(group)
                .call(() -> audit.record(tenant, "GROUP_CREATED", target(group.id)))
                .call(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> group.dynamic() ? dynamic.evaluate(group) : Uni.createFrom().item(MembershipChange.NONE))
                .chain(change -> view(group).map(view -> changed(view, change))))
                .invoke(result -> {
                    Log.infof("created %s group %s in tenant %s with %d members", result.group().membershipType(),
                            group.id, tenant, result.added());
                    relay.wake();
                });
    }

    /**
     * Renames a group and sets, changes or removes its rule. A new rule recomputes the members (devices that
     * join or leave get ProfileAssigned / ProfileUnassigned); removing the rule makes the group static and keeps
     * its current members.
     */
    public Uni<GroupChanged> update(String tenant, String groupId, GroupCreation request) {
        String name = Require.text(Require.body(request).name(), "name");
        String rule = rule(request.membershipRule());
        return Panache.withTransaction(() -> lock(tenant, groupId).chain(group -> {
            boolean ruleChanged = rule != null && !rule.equals(group.membershipRule);
            group.name = name;
            group.membershipRule = rule;
            group.updatedAt = Instant.now();
            return audit.record(tenant, "GROUP_UPDATED", target(groupId))
                    .chain(() -> Panache.getSession()).chain(session -> session.flush())
                    .chain(() -> ruleChanged ? dynamic.evaluate(group) : Uni.createFrom().item(MembershipChange.NONE))
                    .chain(change -> view(group).map(view -> changed(view, change)));
        }))
                .onFailure().transform(failure -> Conflicts.asConflict(failure,
                        "group '" + groupId + "' changed concurrently; retry"))
                .invoke(result -> {
                    Log.infof("updated group %s of tenant %s: %d members added, %d removed, %d assignments and %d"
                            + " unassignments sent", groupId, tenant, result.added(), result.removed(),
                            result.assigned(), result.unassigned());
                    relay.wake();
                });
    }

    /** Deletes a group that no assignment names (409 otherwise). */
    public Uni<Void> delete(String tenant, String groupId) {
        return Panache.withTransaction(() -> lock(tenant, groupId)
                .call(group -> assignments.naming(tenant, groupId).invoke(naming -> {
                    if (!naming.isEmpty()) {
                        throw ProblemException.conflict("group '" + groupId + "' is used by " + naming.size()
                                + " assignment(s), e.g. '" + naming.get(0).id + "'; change or delete them first");
                    }
                }))
                .call(groups::delete)
                .call(() -> audit.record(tenant, "GROUP_DELETED", target(groupId))))
                .invoke(() -> Log.infof("deleted group %s of tenant %s", groupId, tenant))
                .replaceWithVoid();
    }

    /** The tenant's groups by name, without members. */
    public Uni<List<GroupSummary>> list(String tenant, Integer limit, Integer offset) {
        Page page = Page.of(limit, offset);
        return Panache.withSession(() -> groups.page(tenant, page.limit(), page.offset()))
                .map(found -> found.stream().map(Views::summary).toList());
    }

    /** A group's device and user members and the devices in its scope. */
    /**
     * One page of the group's member lists: up to {@code limit} ids (1 to 1000, default 100) of each after the
     * cursor {@code after} (the {@code next} of the previous page; null for the first), with the counts of each.
     */
    public Uni<GroupMembers> members(String tenant, String groupId, Integer limit, String after) {
        int size = Page.of(limit, null).limit();
        MembersCursor from = MembersCursor.decode(after);
        return Panache.withSession(() -> find(tenant, groupId).chain(group -> {
            List<String> scope = List.of(group.id);
            // one after the other: a reactive session runs one query at a time
            return members.memberIdsAfter(group.id, from.afterDevice(), size + 1)
                    .chain(deviceIds -> userMembers.memberIdsAfter(group.id, from.afterUser(), size + 1)
                    .chain(userIds -> devices.idsInScopeAfter(tenant, scope, from.afterInScope(), size + 1)
                    .chain(inScope -> members.countMembers(group.id)
                    .chain(deviceCount -> userMembers.countMembers(group.id)
                    .chain(userCount -> devices.countInScope(tenant, scope)
                    .map(inScopeCount -> {
                        boolean more = deviceIds.size() > size || userIds.size() > size || inScope.size() > size;
                        List<String> devicePage = firstOf(deviceIds, size);
                        List<String> userPage = firstOf(userIds, size);
                        List<String> scopePage = firstOf(inScope, size);
                        String next = more ? new MembersCursor(lastOr(devicePage, from.afterDevice()),
                                lastOr(userPage, from.afterUser()), lastOr(scopePage, from.afterInScope())).encode()
                                : null;
                        return new GroupMembers(group.id, Views.membershipType(group), devicePage, userPage,
                                scopePage, deviceCount, userCount, inScopeCount, next);
                    }))))));
        }));
    }

    private static List<String> firstOf(List<String> ids, int size) {
        return ids.size() > size ? ids.subList(0, size) : ids;
    }

    private static String lastOr(List<String> page, String previous) {
        return page.isEmpty() ? previous : page.get(page.size() - 1);
    }

    /** The group with its first members and the counts of all ({@link GroupView}); one query at a time. */
    private Uni<GroupView> view(DeviceGroup group) {
        int shown = GroupView.MEMBERS_SHOWN;
        return members.memberIdsAfter(group.id, null, shown)
                .chain(deviceIds -> userMembers.memberIdsAfter(group.id, null, shown)
                .chain(userIds -> members.countMembers(group.id)
                .chain(deviceCount -> userMembers.countMembers(group.id)
                .map(userCount -> Views.of(group, deviceIds, userIds, deviceCount, userCount)))));
    }

    private static GroupChanged changed(GroupView view, MembershipChange change) {
        return new GroupChanged(view, change.added(), change.removed(), change.counts().assigned(),
                change.counts().unassigned());
    }

    /** The rule, checked (400 naming the position of a syntax error), or null for a static group. */
    private static String rule(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return DynamicMembership.parse(text).text();
    }

    private static void refuseDynamic(DeviceGroup group) {
        if (group.dynamic()) {
            throw ProblemException.conflict("group '" + group.id + "' is dynamic (membershipRule "
                    + group.membershipRule + "); its members follow the rule and cannot be added or removed by hand");
        }
    }

    public Uni<GroupView> get(String tenant, String groupId) {
        return Panache.withSession(() -> find(tenant, groupId).chain(this::view));
    }

    public Uni<MembersAdded> addMembers(String tenant, String groupId, MembersAddition request) {
        Require.body(request);
        List<String> deviceIds = Require.ids(request.deviceIds(), "deviceIds", MAX_MEMBERS_PER_CALL);
        List<String> userIds = Require.ids(request.userIds(), "userIds", MAX_MEMBERS_PER_CALL);
        if (deviceIds.isEmpty() && userIds.isEmpty()) {
            throw ProblemException.badRequest("deviceIds or userIds must name at least one id");
        }
        return Panache.withTransaction(() -> lock(tenant, groupId)
                .invoke(GroupService::refuseDynamic)
                .chain(group -> existingDevices(tenant, deviceIds))
                .chain(foundDevices -> existingUsers(tenant, userIds)
                        .chain(foundUsers -> members.membersAmong(tenant, List.of(groupId), deviceIds)
                                .chain(alreadyDevices -> userMembers.membersAmong(groupId, userIds)
                                        .chain(alreadyUsers -> {
                                            List<Device> newDevices = newDevices(foundDevices, alreadyDevices);
                                            List<AppUser> newUsers = newUsers(foundUsers, alreadyUsers);
                                            return persistMembers(tenant, groupId, newDevices, newUsers)
                                                    .call(() -> audit.record(tenant, "GROUP_MEMBERS_ADDED",
                                                            target(groupId), AuditRecord.SUCCESS + " ("
                                                                    + (newDevices.size() + newUsers.size())
                                                                    + " new members)"))
                                                    .chain(() -> affectedDevices(tenant, newDevices, newUsers))
                                                    .chain(affected -> reconcile(tenant, groupId, affected))
                                                    .map(counts -> new MembersAdded(newDevices.size()
                                                            + newUsers.size(), counts.assigned(),
                                                            counts.unassigned()));
                                        })))))
                .onFailure().transform(failure -> Conflicts.asConflict(failure,
                        "the membership of group '" + groupId + "' changed concurrently; retry"))
                .invoke(result -> {
                    Log.infof("group %s of tenant %s: %d members added, %d assignments and %d unassignments sent",
                            groupId, tenant, result.added(), result.assigned(), result.unassigned());
                    relay.wake();
                });
    }

    public Uni<MemberRemoved> removeMember(String tenant, String groupId, String memberId) {
        return Panache.withTransaction(() -> lock(tenant, groupId)
                .invoke(GroupService::refuseDynamic)
                .chain(group -> members.findById(new GroupMemberKey(groupId, memberId)))
                .chain(deviceMember -> {
                    if (deviceMember != null) {
                        return members.delete(deviceMember).replaceWith(List.of(memberId));
                    }
                    return userMembers.findById(new GroupUserMemberKey(groupId, memberId)).chain(userMember -> {
                        if (userMember == null) {
                            return Uni.createFrom().failure(ProblemException.notFound("'" + memberId
                                    + "' is not a member of group '" + groupId + "'"));
                        }
                        return userMembers.delete(userMember).chain(() -> devices.ofUsers(tenant, List.of(memberId)))
                                .map(owned -> owned.stream().map(device -> device.id).toList());
                    });
                })
                .call(() -> audit.record(tenant, "GROUP_MEMBER_REMOVED", target(groupId) + "/member:" + memberId))
                .call(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(affected -> reconcile(tenant, groupId, affected)))
                .map(counts -> new MemberRemoved(memberId, counts.assigned(), counts.unassigned()))
                .invoke(result -> {
                    Log.infof("group %s of tenant %s: member %s removed, %d assignments and %d unassignments sent",
                            groupId, tenant, memberId, result.assigned(), result.unassigned());
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
            refuseUnknown(tenant, "device", deviceIds, known);
        });
    }

    private Uni<List<AppUser>> existingUsers(String tenant, List<String> userIds) {
        return users.findByIds(tenant, userIds).invoke(found -> {
            Set<String> known = new HashSet<>();
            found.forEach(user -> known.add(user.id));
            refuseUnknown(tenant, "user", userIds, known);
        });
    }

    private static void refuseUnknown(String tenant, String kind, List<String> ids, Set<String> known) {
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown " + kind + " id(s) in tenant " + tenant + ": "
                    + String.join(", ", unknown.subList(0, Math.min(10, unknown.size()))));
        }
    }

    private static List<Device> newDevices(List<Device> found, List<String> alreadyMembers) {
        Set<String> already = new HashSet<>(alreadyMembers);
        return found.stream().filter(device -> !already.contains(device.id)).toList();
    }

    private static List<AppUser> newUsers(List<AppUser> found, List<String> alreadyMembers) {
        Set<String> already = new HashSet<>(alreadyMembers);
        return found.stream().filter(user -> !already.contains(user.id)).toList();
    }

    private Uni<Void> persistMembers(String tenant, String groupId, List<Device> newDevices, List<AppUser> newUsers) {
        Instant now = Instant.now();
        List<Object> rows = new ArrayList<>();
        for (Device device : newDevices) {
            GroupMember member = new GroupMember();
            member.groupId = groupId;
            member.deviceId = device.id;
            member.tenant = tenant;
            member.addedAt = now;
            rows.add(member);
        }
        for (AppUser user : newUsers) {
            GroupUserMember member = new GroupUserMember();
            member.groupId = groupId;
            member.userId = user.id;
            member.tenant = tenant;
            member.addedAt = now;
            rows.add(member);
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // flushed now so that the scope queries of the reconciliation see the new members
        return Panache.getSession().chain(session -> session.persistAll(rows.toArray()).chain(session::flush));
    }

    /** The new device members and the primary devices of the new user members. */
    private Uni<Collection<String>> affectedDevices(String tenant, List<Device> newDevices, List<AppUser> newUsers) {
        Set<String> affected = new LinkedHashSet<>();
        newDevices.forEach(device -> affected.add(device.id));
        return devices.ofUsers(tenant, newUsers.stream().map(user -> user.id).toList()).map(owned -> {
            owned.forEach(device -> affected.add(device.id));
            return affected;
        });
    }

    private Uni<DeploymentCounts> reconcile(String tenant, String groupId, Collection<String> affected) {
        return reconciler.reconcile(tenant, groupId, affected);
    }
}
