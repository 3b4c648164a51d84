package io.stratus.profile.service;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Device;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.UserRepository;
import io.stratus.profile.rest.dto.DeviceRegistration;
import io.stratus.profile.rest.dto.InventoryDeleted;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registers, lists, edits and deletes devices. Every change re-evaluates the tenant's dynamic device groups
 * for that device, and an edit re-issues the profiles whose subject or SANs it changes.
 */
@ApplicationScoped
public class DeviceService {

    static final Set<String> PATCHABLE = Set.of("name", "serialNumber", "imei", "wifiMacAddress", "primaryUserId");

    private final DeviceRepository devices;
    private final UserRepository users;
    private final DynamicMembership dynamic;
    private final AttributeChanges attributeChanges;
    private final DeploymentService deployments;
    private final OutboxRelay relay;

    public DeviceService(DeviceRepository devices, UserRepository users, DynamicMembership dynamic,
            AttributeChanges attributeChanges, DeploymentService deployments, OutboxRelay relay) {
        this.devices = devices;
        this.users = users;
        this.dynamic = dynamic;
        this.attributeChanges = attributeChanges;
        this.deployments = deployments;
        this.relay = relay;
    }

    public Uni<Device> register(String tenant, DeviceRegistration request) {
        Device device = InventoryRules.device(tenant, Require.body(request), true);
        String conflict = "device '" + device.id + "' already exists in tenant " + tenant;
        return Panache.withTransaction(() -> checkPrimaryUser(device)
                .chain(() -> devices.find(tenant, device.id))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ProblemException.conflict(conflict));
                    }
                    return devices.persist(device);
                })
                .call(() -> Panache.getSession().chain(session -> session.flush()))
                .call(saved -> dynamic.devicesChanged(tenant, List.of(saved)))
                .call(saved -> dynamic.primaryUsersChanged(tenant, usersOf(saved.id, null, saved.primaryUserId))))
                .onFailure().transform(failure -> Conflicts.asConflict(failure, conflict))
                .invoke(saved -> {
                    Log.infof("registered device %s (%s) in tenant %s", saved.id, saved.platform, tenant);
                    relay.wake();
                });
    }

    public Uni<Device> get(String tenant, String id) {
        return Panache.withSession(() -> find(tenant, id));
    }

    /** The tenant's devices in id order. */
    public Uni<List<Device>> list(String tenant, Integer limit, Integer offset) {
        Page page = Page.of(limit, offset);
        return Panache.withSession(() -> devices.page(tenant, page.limit(), page.offset()));
    }

    /**
     * Changes name, serialNumber, imei, wifiMacAddress or primaryUserId: dynamic groups are re-evaluated for the
     * device, and each profile whose resolved subject or SANs change is re-issued to it with a new challenge.
     */
    public Uni<Device> patch(String tenant, String id, Map<String, Object> body) {
        PatchFields fields = PatchFields.of(body, PATCHABLE);
        // locked before it is read, so a concurrent edit or delete cannot be lost or overwritten
        return Panache.withTransaction(() -> devices.lockForEdit(tenant, id).chain(() -> find(tenant, id))
                .chain(device -> attributeChanges.capture(tenant, List.of(device)).chain(before -> {
                    String formerUser = device.primaryUserId;
                    apply(device, fields);
                    // dynamic groups first, then the user's groups: the lock order of register and import
                    return checkPrimaryUser(device)
                            .call(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(() -> dynamic.devicesChanged(tenant, List.of(device)))
                            .call(() -> Objects.equals(formerUser, device.primaryUserId)
                                    ? Uni.createFrom().voidItem()
                                    : dynamic.primaryUsersChanged(tenant, usersOf(id, formerUser,
                                            device.primaryUserId)))
                            .chain(change -> attributeChanges.redeployChanged(tenant, before)
                                    .invoke(counts -> Log.infof("device %s of tenant %s changed (%s): %d group"
                                            + " joins, %d leaves, %d assignments and %d unassignments sent", id,
                                            tenant, body.keySet(), change.added(), change.removed(),
                                            change.counts().assigned() + counts.assigned(),
                                            change.counts().unassigned() + counts.unassigned())))
                            .replaceWith(device);
                })))
                .invoke(ignored -> relay.wake());
    }

    /** Deletes a device: ProfileUnassigned for what it received, its memberships and report rows go with it. */
    public Uni<InventoryDeleted> delete(String tenant, String id) {
        // FOR UPDATE first: a reconciliation adding a row for the device commits before the rows are read, or
        // waits for the delete (and then fails on the foreign key); no row is removed without its ProfileUnassigned
        return Panache.withTransaction(() -> devices.lockForDelete(tenant, id).chain(() -> find(tenant, id))
                .chain(device -> deployments.withdrawDevice(tenant, id).call(() -> devices.delete(device))))
                .map(counts -> new InventoryDeleted(id, 0, counts.unassigned(), 0))
                .invoke(result -> {
                    Log.infof("deleted device %s of tenant %s, %d unassignments sent", id, tenant,
                            result.unassigned());
                    relay.wake();
                });
    }

    private static Map<String, Set<String>> usersOf(String deviceId, String formerUser, String newUser) {
        Set<String> users = new HashSet<>();
        if (formerUser != null) {
            users.add(formerUser);
        }
        if (newUser != null) {
            users.add(newUser);
        }
        return Map.of(deviceId, users);
    }

    private Uni<Device> find(String tenant, String id) {
        return devices.find(tenant, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("device '" + id + "' not found in tenant " + tenant));
    }

    private static void apply(Device device, PatchFields fields) {
        if (fields.has("name")) {
            device.name = Require.text(fields.value("name"), "name");
        }
        if (fields.has("serialNumber")) {
            device.serialNumber = Require.optionalText(fields.value("serialNumber"), "serialNumber");
        }
        if (fields.has("imei")) {
            device.imei = InventoryRules.imei(fields.value("imei"));
        }
        if (fields.has("wifiMacAddress")) {
            device.wifiMacAddress = InventoryRules.mac(fields.value("wifiMacAddress"));
        }
        if (fields.has("primaryUserId")) {
            String user = fields.value("primaryUserId");
            device.primaryUserId = user == null || user.isBlank() ? null : Require.clientId(user, "primaryUserId");
        }
    }

    private Uni<Void> checkPrimaryUser(Device device) {
        if (device.primaryUserId == null) {
            return Uni.createFrom().voidItem();
        }
        return users.find(device.tenant, device.primaryUserId).invoke(user -> {
            if (user == null) {
                throw ProblemException.badRequest("primaryUserId names the unknown user '" + device.primaryUserId
                        + "' in tenant " + device.tenant);
            }
        }).replaceWithVoid();
    }
}
