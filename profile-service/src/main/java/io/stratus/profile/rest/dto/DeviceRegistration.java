package io.stratus.profile.rest.dto;

/**
 * Body of {@code POST /devices}.
 *
 * @param id                optional; generated when absent
 * @param identityPublicKey base64 DER SubjectPublicKeyInfo (RSA or EC) that challenges are sealed to
 */
public record DeviceRegistration(String id, String name, String platform, String serialNumber,
        String identityPublicKey) {
}
