package io.stratus.profile.rest.dto;

/**
 * Body of {@code POST /devices} (and one row of {@code devices:import}).
 *
 * @param id                optional; generated when absent
 * @param identityPublicKey base64 DER SubjectPublicKeyInfo (RSA or EC) that challenges are sealed to (optional
 *                          in a bulk import only)
 * @param imei              optional, 14 to 16 digits
 * @param wifiMacAddress    optional, six hexadecimal octets
 * @param primaryUserId     optional, a user of the tenant
 */
public record DeviceRegistration(String id, String name, String platform, String serialNumber,
        String identityPublicKey, String imei, String wifiMacAddress, String primaryUserId) {

    public DeviceRegistration(String id, String name, String platform, String serialNumber, String identityPublicKey) {
        this(id, name, platform, serialNumber, identityPublicKey, null, null, null);
    }
}
