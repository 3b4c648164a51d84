package io.stratus.profile.support;

import java.security.KeyPair;
import java.util.Base64;

import io.stratus.crypto.KeyAlgorithm;

/** A simulated device: its id, name and identity key pair (the private key stays in the test). */
public record DeviceIdentity(String id, String name, String serialNumber, String platform, KeyPair keys) {

    public static DeviceIdentity of(String id, String name, String serialNumber, String platform,
            KeyAlgorithm algorithm) {
        return new DeviceIdentity(id, name, serialNumber, platform, algorithm.generate());
    }

    /** Base64 DER SubjectPublicKeyInfo, as the API takes it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }
}
