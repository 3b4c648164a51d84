package io.stratus.profile.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Device;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.UserRepository;
import io.stratus.profile.rest.dto.DeviceRegistration;
import jakarta.enterprise.context.ApplicationScoped;

/** Registers devices, their identity keys and their primary users. */
@ApplicationScoped
public class DeviceService {

    private final DeviceRepository devices;
    private final UserRepository users;

    public DeviceService(DeviceRepository devices, UserRepository users) {
        this.devices = devices;
        this.users = users;
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
                }))
                .onFailure().transform(failure -> Conflicts.asConflict(failure, conflict))
                .invoke(saved -> Log.infof("registered device %s (%s) in tenant %s", saved.id, saved.platform,
                        tenant));
    }

    public Uni<Device> get(String tenant, String id) {
        return Panache.withSession(() -> devices.find(tenant, id)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("device '" + id + "' not found in tenant " + tenant));
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
