package io.stratus.console.web;

import jakarta.ws.rs.ForbiddenException;

import io.stratus.console.session.Session;

/** What every form that changes something checks first. */
final class Forms {
    private Forms() {
    }

    /** Refuses (403) a change whose form token is not the session's: another site cannot submit our forms. */
    static void requireToken(Session session, String submitted) {
        if (!session.formTokenMatches(submitted)) {
            throw new ForbiddenException("the form is out of date or from another site; open the page again");
        }
    }
}
