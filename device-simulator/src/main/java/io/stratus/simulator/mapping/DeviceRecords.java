package io.stratus.simulator.mapping;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.simulator.entity.AssignmentState;
import io.stratus.simulator.entity.DeviceAssignment;
import io.stratus.simulator.entity.InstalledCertificate;
import io.stratus.simulator.entity.Platform;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.mapping.DeviceRecord.AssignmentRecord;
import io.stratus.simulator.mapping.DeviceRecord.TrustedRecord;

/** Maps devices to the records of the state directory and back. */
public final class DeviceRecords {

    private static final String SOURCE = "/stratus/device-simulator";

    private DeviceRecords() {
    }

    public static DeviceRecord toRecord(SimulatedDevice device) {
        List<AssignmentRecord> assignments = new ArrayList<>();
        for (DeviceAssignment a : device.assignments()) {
            List<TrustedRecord> trusted = a.trusted().stream()
                    .map(t -> new TrustedRecord(t.store(), Pem.encode(t.certificate()))).toList();
            assignments.add(new AssignmentRecord(a.assignmentId(), a.profileId(), a.state().name(), a.error(),
                    a.event() == null ? null : EventCodec.encode(CloudEvent.of(SOURCE, a.event())), trusted,
                    a.certificate() == null ? null : Pem.encode(a.certificate()),
                    a.privateKey() == null ? null : base64(a.privateKey().getEncoded()), a.enrollMillis(),
                    a.enrolledAt() == null ? null : a.enrolledAt().toString(), a.renewals(),
                    List.copyOf(a.handledChallenges())));
        }
        return new DeviceRecord(DeviceRecord.VERSION, device.id(), device.tenant(), device.name(),
                device.platform().name(), device.serialNumber(), device.primaryUser(), device.createdAt().toString(),
                base64(device.identity().getPublic().getEncoded()), base64(device.identity().getPrivate().getEncoded()),
                device.registrationError(), assignments);
    }

    /** @throws IllegalArgumentException when the record cannot be read back */
    public static SimulatedDevice fromRecord(DeviceRecord record) {
        KeyPair identity = new KeyPair(Pem.publicKey(record.identityPublicKey()), privateKey(record.identityPrivateKey()));
        SimulatedDevice device = new SimulatedDevice(record.id(), record.tenant(), record.name(),
                Platform.parse(record.platform()), record.serialNumber(), identity, null, record.primaryUser(),
                record.createdAt() == null ? Instant.now() : Instant.parse(record.createdAt()));
        if (record.registrationError() != null) {
            device.restoreRegistrationError(record.registrationError());
        }
        if (record.assignments() != null) {
            for (AssignmentRecord a : record.assignments()) {
                device.restore(assignment(a));
            }
        }
        return device;
    }

    private static DeviceAssignment assignment(AssignmentRecord a) {
        List<InstalledCertificate> trusted = a.trusted() == null ? List.of()
                : a.trusted().stream().map(t -> new InstalledCertificate(t.store(), Pem.certificate(t.certificatePem())))
                        .toList();
        ProfileAssignedEvent event = null;
        if (a.event() != null) {
            CloudEvent decoded = EventCodec.decode(a.event());
            if (decoded.data() instanceof ProfileAssignedEvent) {
                event = (ProfileAssignedEvent) decoded.data();
            }
        }
        return DeviceAssignment.restore(a.assignmentId(), a.profileId(), event, AssignmentState.valueOf(a.state()),
                a.error(), trusted, a.certificatePem() == null ? null : Pem.certificate(a.certificatePem()),
                a.privateKey() == null ? null : privateKey(a.privateKey()), a.enrollMillis(),
                a.enrolledAt() == null ? null : Instant.parse(a.enrolledAt()), a.renewals(), a.handledChallenges());
    }

    /** A PKCS#8 private key (base64 DER), RSA or EC. */
    public static PrivateKey privateKey(String base64) {
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("not an RSA or EC PKCS#8 private key");
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
