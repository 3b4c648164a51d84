package io.stratus.testkit;

import java.util.Set;

/**
 * Admin API roles (the JWT {@code groups} claim), modelled on Intune Cloud PKI permissions.
 * Services use the same values in {@code @RolesAllowed}.
 */
public final class Roles {
    /** Create root and issuing CAs. */
    public static final String CA_CREATE = "ca.create";
    /** Pause, resume, revoke and delete CAs. */
    public static final String CA_MANAGE = "ca.manage";
    /** Read CAs and issued certificates. */
    public static final String CA_READ = "ca.read";
    /** Revoke issued certificates. */
    public static final String CERT_REVOKE = "cert.revoke";
    /** Create, change, assign and delete profiles. */
    public static final String PROFILE_MANAGE = "profile.manage";
    /** Read profiles, assignments and deployment reports. */
    public static final String PROFILE_READ = "profile.read";
    /** Manage devices, users and groups. */
    public static final String DEVICE_MANAGE = "device.manage";
    /** Read and verify the audit log. */
    public static final String AUDIT_READ = "audit.read";

    public static final Set<String> ALL = Set.of(CA_CREATE, CA_MANAGE, CA_READ, CERT_REVOKE,
            PROFILE_MANAGE, PROFILE_READ, DEVICE_MANAGE, AUDIT_READ);

    private Roles() {
    }
}
