package io.stratus.profile.service;

import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;

/** Detached copies of managed entities, taken before they are edited. */
final class Snapshots {

    private Snapshots() {
    }

    static Device copy(Device device) {
        Device copy = new Device();
        copy.tenant = device.tenant;
        copy.id = device.id;
        copy.name = device.name;
        copy.platform = device.platform;
        copy.serialNumber = device.serialNumber;
        copy.identityPublicKey = device.identityPublicKey;
        copy.imei = device.imei;
        copy.wifiMacAddress = device.wifiMacAddress;
        copy.primaryUserId = device.primaryUserId;
        copy.createdAt = device.createdAt;
        return copy;
    }

    static AppUser copy(AppUser user) {
        if (user == null) {
            return null;
        }
        AppUser copy = new AppUser();
        copy.tenant = user.tenant;
        copy.id = user.id;
        copy.upn = user.upn;
        copy.email = user.email;
        copy.givenName = user.givenName;
        copy.surname = user.surname;
        copy.onPremDistinguishedName = user.onPremDistinguishedName;
        copy.samAccountName = user.samAccountName;
        copy.createdAt = user.createdAt;
        return copy;
    }
}
