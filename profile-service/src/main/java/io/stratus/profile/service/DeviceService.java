package io.stratus.profile.service;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.Platform;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.rest.dto.DeviceRegistration;
import jakarta.enterprise.context.ApplicationScoped;

/** Registers devices and their identity keys. */
@ApplicationScoped
public class DeviceService {

    private final DeviceRepository devices;

    public DeviceService(DeviceRepository devices) {
        this.devices = devices;
    }

    public Uni<Device> register(String tenant, DeviceRegistration request) {
        Device device = validated(tenant, Require.body(request));
        String conflict = "device '" + device.id + "' already exists in tenant " + tenant;
        return Panache.withTransaction(() -> devices.find(tenant, device.id)
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

    private static Device validated(String tenant, DeviceRegistration request) {
        Device device = new Device();
        device.tenant = tenant;
        device.id = request.id() == null || request.id().isBlank() ? UUID.randomUUID().toString()
                : Require.clientId(request.id(), "id");
        device.name = Require.text(request.name(), "name");
        device.platform = Require.oneOf(Platform.class, request.platform(), "platform");
        device.serialNumber = Require.optionalText(request.serialNumber(), "serialNumber");
        device.identityPublicKey = Base64.getEncoder().encodeToString(identityKey(request.identityPublicKey())
                .getEncoded());
        device.createdAt = Instant.now();
        return device;
    }

    private static PublicKey identityKey(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw ProblemException.badRequest("identityPublicKey is required (base64 of a DER SubjectPublicKeyInfo)");
        }
        PublicKey key;
        try {
            key = Pem.publicKey(encoded);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "identityPublicKey is not an RSA or EC SubjectPublicKeyInfo in base64 (or PEM)");
        }
        if (KeyAlgorithm.find(key) == null) {
            throw ProblemException.badRequest("identityPublicKey is " + KeyAlgorithm.familyOf(key) + " "
                    + KeyAlgorithm.sizeOf(key) + "; use RSA 2048, 3072 or 4096 or EC P-256 or P-384");
        }
        return key;
    }
}
