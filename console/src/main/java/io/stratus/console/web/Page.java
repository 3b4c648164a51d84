package io.stratus.console.web;

import io.stratus.console.session.Session;

/**
 * What every page's frame shows: its title, the tenant, who is signed in, the form token for changes, and which
 * actions the token allows (a button that would fail is not shown; the APIs still decide).
 */
public record Page(String title, String tenant, String subject, String formToken, boolean canCreateCa,
        boolean canManageCa, boolean canRevoke, boolean canManageProfiles, boolean seesEventFlow, int refreshSeconds) {

    public static Page of(String title, String tenant, Session session) {
        return new Page(title, tenant, session.subject(), session.formToken(), session.has(Roles.CA_CREATE),
                session.has(Roles.CA_MANAGE), session.has(Roles.CERT_REVOKE), session.has(Roles.PROFILE_MANAGE),
                session.everyTenant(), 0);
    }

    /** This page, reloaded by the browser every {@code seconds}. */
    public Page refreshedEvery(int seconds) {
        return new Page(title, tenant, subject, formToken, canCreateCa, canManageCa, canRevoke, canManageProfiles,
                seesEventFlow, seconds);
    }

    /** The path of a page of this tenant, such as {@code /t/demo/authorities}. */
    public String at(String rest) {
        return "/t/" + tenant + rest;
    }
}
