package io.stratus.profile.rest;

/** The admin API roles this service checks (the JWT {@code groups} claim). */
public final class ApiRoles {
    /** Register devices, change group membership. */
    public static final String DEVICE_MANAGE = "device.manage";
    /** Create and assign profiles and groups. */
    public static final String PROFILE_MANAGE = "profile.manage";
    /** Read devices, groups, profiles, assignments and reports. */
    public static final String PROFILE_READ = "profile.read";

    private ApiRoles() {
    }
}
