package io.stratus.profile.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.GroupUserMemberRepository;
import io.stratus.profile.repository.MembershipRows;
import io.stratus.profile.repository.UserRepository;
import io.stratus.profile.rest.dto.InventoryDeleted;
import io.stratus.profile.rest.dto.UserRegistration;
import io.stratus.profile.rest.dto.UserView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Users of a tenant: the subjects of USER certificates and the primary users of devices. Every change
 * re-evaluates the dynamic user groups for that user; an edit re-issues the profiles of the user's devices whose
 * subject or SANs it changes; a deletion leaves the user's devices without a primary user.
 */
@ApplicationScoped
public class UserService {

    static final int MAX_LIST = 1000;
    static final Set<String> PATCHABLE = Set.of("userPrincipalName", "email", "givenName", "surname",
            "onPremDistinguishedName", "onPremSamAccountName");

    private final UserRepository users;
    private final DeviceRepository devices;
    private final GroupUserMemberRepository userMembers;
    private final MembershipRows membershipRows;
    private final MembershipReconciler reconciler;
    private final DynamicMembership dynamic;
    private final AttributeChanges attributeChanges;
    private final OutboxRelay relay;

    public UserService(UserRepository users, DeviceRepository devices, GroupUserMemberRepository userMembers,
            MembershipRows membershipRows, MembershipReconciler reconciler, DynamicMembership dynamic,
            AttributeChanges attributeChanges, OutboxRelay relay) {
        this.users = users;
        this.devices = devices;
        this.userMembers = userMembers;
        this.membershipRows = membershipRows;
        this.reconciler = reconciler;
        this.dynamic = dynamic;
        this.attributeChanges = attributeChanges;
        this.relay = relay;
    }

    public Uni<AppUser> register(String tenant, UserRegistration request) {
        AppUser user = InventoryRules.user(tenant, Require.body(request));
        String conflict = "user '" + user.id + "' or user principal name '" + user.upn + "' already exists in tenant "
                + tenant;
        return Panache.withTransaction(() -> users.find(tenant, user.id)
                .chain(byId -> byId != null ? Uni.createFrom().<AppUser>nullItem() : users.findByUpn(tenant, user.upn)
                        .map(byUpn -> byUpn == null ? user : null))
                .chain(free -> free == null ? Uni.createFrom().<AppUser>failure(ProblemException.conflict(conflict))
                        : users.persist(user))
                .call(() -> Panache.getSession().chain(session -> session.flush()))
                .call(saved -> dynamic.usersChanged(tenant, List.of(saved))))
                .onFailure().transform(failure -> Conflicts.asConflict(failure, conflict))
                .invoke(saved -> {
                    Log.infof("registered user %s in tenant %s", saved.id, tenant);
                    relay.wake();
                });
    }

    public Uni<AppUser> get(String tenant, String id) {
        return Panache.withSession(() -> find(tenant, id));
    }

    /** The tenant's users in id order, at most {@code limit} (1 to 1000). */
    public Uni<List<AppUser>> list(String tenant, Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_LIST) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIST + ", not " + size);
        }
        return Panache.withSession(() -> users.page(tenant, size));
    }

    /** Changes a user's attributes; dynamic user groups and the profiles of the user's devices follow. */
    public Uni<UserView> patch(String tenant, String id, Map<String, Object> body) {
        PatchFields fields = PatchFields.of(body, PATCHABLE);
        String conflict = "user principal name '" + fields.value("userPrincipalName") + "' is taken in tenant "
                + tenant;
        return Panache.withTransaction(() -> find(tenant, id)
                .chain(user -> devices.ofUsers(tenant, List.of(id))
                        .chain(owned -> attributeChanges.capture(tenant, owned))
                        .chain(before -> {
                            apply(user, fields);
                            return checkUpnFree(user, conflict)
                                    .call(() -> Panache.getSession().chain(session -> session.flush()))
                                    .chain(() -> dynamic.usersChanged(tenant, List.of(user)))
                                    .chain(change -> attributeChanges.redeployChanged(tenant, before))
                                    .replaceWith(user);
                        })))
                .onFailure().transform(failure -> Conflicts.asConflict(failure, conflict))
                .map(io.stratus.profile.mapping.Views::of)
                .invoke(view -> {
                    Log.infof("user %s of tenant %s changed (%s)", id, tenant, body.keySet());
                    relay.wake();
                });
    }

    /**
     * Deletes a user. Its devices stay, without a primary user: they leave the groups they were in through the
     * user (ProfileUnassigned), and profiles that need the user (USER certificates, user variables) fail on them
     * with a ProfileUnassigned where one had been sent, as Intune removes a departed user's certificates.
     */
    public Uni<InventoryDeleted> delete(String tenant, String id) {
        return Panache.withTransaction(() -> find(tenant, id)
                .chain(user -> devices.ofUsers(tenant, List.of(id)).chain(owned -> attributeChanges
                        .capture(tenant, owned)
                        .chain(before -> userMembers.groupsOf(tenant, id).chain(groupIds -> {
                            List<String> ownedIds = owned.stream().map(device -> device.id).toList();
                            owned.forEach(device -> device.primaryUserId = null);
                            Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
                            for (String groupId : groupIds) {
                                total = total.call(() -> membershipRows.removeUsers(tenant, groupId, List.of(id)));
                            }
                            total = total.call(() -> Panache.getSession().chain(session -> session.flush()))
                                    .call(() -> users.delete(user))
                                    .call(() -> Panache.getSession().chain(session -> session.flush()));
                            for (String groupId : groupIds) {
                                total = total.chain(sum -> reconciler.reconcile(tenant, groupId, ownedIds)
                                        .map(sum::plus));
                            }
                            return total
                                    .chain(sum -> dynamic.devicesChanged(tenant, owned)
                                            .map(change -> sum.plus(change.counts())))
                                    .chain(sum -> attributeChanges.redeployChanged(tenant, before).map(sum::plus));
                        })))))
                .map(counts -> new InventoryDeleted(id, counts.assigned(), counts.unassigned(), counts.failed()))
                .invoke(result -> {
                    Log.infof("deleted user %s of tenant %s: %d assignments, %d unassignments, %d failed", id,
                            tenant, result.assigned(), result.unassigned(), result.failed());
                    relay.wake();
                });
    }

    private Uni<AppUser> find(String tenant, String id) {
        return users.find(tenant, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("user '" + id + "' not found in tenant " + tenant));
    }

    private Uni<Void> checkUpnFree(AppUser user, String conflict) {
        return users.findByUpn(user.tenant, user.upn).invoke(other -> {
            if (other != null && !other.id.equals(user.id)) {
                throw ProblemException.conflict(conflict);
            }
        }).replaceWithVoid();
    }

    private static void apply(AppUser user, PatchFields fields) {
        UserRegistration current = new UserRegistration(user.id,
                fields.has("userPrincipalName") ? fields.value("userPrincipalName") : user.upn,
                fields.has("email") ? fields.value("email") : user.email,
                fields.has("givenName") ? fields.value("givenName") : user.givenName,
                fields.has("surname") ? fields.value("surname") : user.surname,
                fields.has("onPremDistinguishedName") ? fields.value("onPremDistinguishedName")
                        : user.onPremDistinguishedName,
                fields.has("onPremSamAccountName") ? fields.value("onPremSamAccountName") : user.samAccountName);
        AppUser checked = InventoryRules.user(user.tenant, current);
        user.upn = checked.upn;
        user.email = checked.email;
        user.givenName = checked.givenName;
        user.surname = checked.surname;
        user.onPremDistinguishedName = checked.onPremDistinguishedName;
        user.samAccountName = checked.samAccountName;
    }

}
