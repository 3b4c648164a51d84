package io.stratus.profile.service;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.Platform;
import io.stratus.profile.rest.dto.DeviceRegistration;
import io.stratus.profile.rest.dto.UserRegistration;

/** Field rules for devices and users, shared by single registration and bulk import (400 on violation). */
public final class InventoryRules {

    private static final Pattern UPN = Pattern.compile("[^\\s@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
    private static final Pattern IMEI = Pattern.compile("[0-9]{14,16}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}");

    private InventoryRules() {
    }

    /** @param keyRequired false in a bulk import, where a device may register its key later */
    public static Device device(String tenant, DeviceRegistration request, boolean keyRequired) {
        Device device = new Device();
        device.tenant = tenant;
        device.id = request.id() == null || request.id().isBlank() ? UUID.randomUUID().toString()
                : Require.clientId(request.id(), "id");
        device.name = Require.text(request.name(), "name");
        device.platform = Require.oneOf(Platform.class, request.platform(), "platform");
        device.serialNumber = Require.optionalText(request.serialNumber(), "serialNumber");
        device.imei = imei(request.imei());
        device.wifiMacAddress = mac(request.wifiMacAddress());
        device.primaryUserId = request.primaryUserId() == null || request.primaryUserId().isBlank() ? null
                : Require.clientId(request.primaryUserId(), "primaryUserId");
        boolean hasKey = request.identityPublicKey() != null && !request.identityPublicKey().isBlank();
        if (hasKey || keyRequired) {
            device.identityPublicKey = Base64.getEncoder().encodeToString(identityKey(request.identityPublicKey())
                    .getEncoded());
        }
        device.createdAt = Instant.now();
        return device;
    }

    public static AppUser user(String tenant, UserRegistration request) {
        AppUser user = new AppUser();
        user.tenant = tenant;
        user.id = request.id() == null || request.id().isBlank() ? UUID.randomUUID().toString()
                : Require.clientId(request.id(), "id");
        user.upn = Require.text(request.userPrincipalName(), "userPrincipalName");
        if (!UPN.matcher(user.upn).matches()) {
            throw ProblemException.badRequest("userPrincipalName '" + user.upn + "' is not of the form name@domain");
        }
        user.email = Require.optionalText(request.email(), "email");
        if (user.email != null && !EMAIL.matcher(user.email).matches()) {
            throw ProblemException.badRequest("email '" + user.email + "' is not an e-mail address");
        }
        user.givenName = Require.optionalText(request.givenName(), "givenName");
        user.surname = Require.optionalText(request.surname(), "surname");
        user.onPremDistinguishedName = Require.optionalText(request.onPremDistinguishedName(),
                "onPremDistinguishedName");
        user.samAccountName = Require.optionalText(request.onPremSamAccountName(), "onPremSamAccountName");
        user.createdAt = Instant.now();
        return user;
    }

    static String imei(String value) {
        String imei = Require.optionalText(value, "imei");
        if (imei != null && !IMEI.matcher(imei).matches()) {
            throw ProblemException.badRequest("imei must be 14 to 16 digits, not '" + imei + "'");
        }
        return imei;
    }

    /** Upper case with colons: {@code 00:1A:2B:3C:4D:5E}. */
    static String mac(String value) {
        String mac = Require.optionalText(value, "wifiMacAddress");
        if (mac == null) {
            return null;
        }
        if (!MAC.matcher(mac).matches()) {
            throw ProblemException.badRequest("wifiMacAddress must be six hexadecimal octets such as"
                    + " 00:1A:2B:3C:4D:5E, not '" + mac + "'");
        }
        String hex = mac.replaceAll("[:-]", "").toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
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
