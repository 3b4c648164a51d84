package io.stratus.profile.entity;

/** Where a device installs a trusted certificate (Intune's destination stores). */
public enum TrustStore {
    COMPUTER_ROOT, COMPUTER_INTERMEDIATE, USER_INTERMEDIATE
}
