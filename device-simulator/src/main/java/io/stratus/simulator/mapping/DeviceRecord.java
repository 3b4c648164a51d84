package io.stratus.simulator.mapping;

import java.util.List;

/**
 * A fleet device as the state directory keeps it (one JSON file per device). Keys are base64 DER
 * (identity: SubjectPublicKeyInfo and PKCS#8; certificate keys: PKCS#8); the file is readable by its owner only.
 */
public record DeviceRecord(int version, String id, String tenant, String name, String platform, String serialNumber,
        String primaryUser, String createdAt, String identityPublicKey, String identityPrivateKey,
        String registrationError, List<AssignmentRecord> assignments) {

    public static final int VERSION = 1;

    /** One assignment: the last ProfileAssigned (a CloudEvent; its challenge stays sealed) and what it left on the device. */
    public record AssignmentRecord(String assignmentId, String profileId, String state, String error, String event,
            List<TrustedRecord> trusted, String certificatePem, String privateKey, Long enrollMillis,
            String enrolledAt, int renewals, List<String> handledChallenges) {
    }

    /** A trusted certificate installed into a store. */
    public record TrustedRecord(String store, String certificatePem) {
    }
}
