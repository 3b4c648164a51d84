package io.stratus.ca.rest;

/** Roles of the admin API used by ca-service (the JWT {@code groups} claim). */
public final class CaRoles {

    public static final String CA_CREATE = "ca.create";
    public static final String CA_MANAGE = "ca.manage";
    public static final String CA_READ = "ca.read";
    public static final String CERT_REVOKE = "cert.revoke";
    public static final String AUDIT_READ = "audit.read";

    private CaRoles() {
    }
}
