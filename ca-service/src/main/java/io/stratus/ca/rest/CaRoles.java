package io.stratus.ca.rest;

/** Roles of the admin API used by ca-service (the JWT {@code groups} claim). */
public final class CaRoles {

    public static final String CA_CREATE = "ca.create";
    public static final String CA_READ = "ca.read";

    private CaRoles() {
    }
}
