package io.stratus.console.web;

/** The API roles (the token's {@code groups}) whose actions the console offers; docs/security.md lists them all. */
final class Roles {
    static final String CA_CREATE = "ca.create";
    static final String CA_MANAGE = "ca.manage";
    static final String CERT_REVOKE = "cert.revoke";
    static final String PROFILE_MANAGE = "profile.manage";

    private Roles() {
    }
}
