package io.stratus.console.session;

import jakarta.enterprise.context.RequestScoped;

/** The session of the request being served, set by {@link SessionFilter} before any page runs. */
@RequestScoped
public class SignedIn {
    private Session session;

    void set(Session session) {
        this.session = session;
    }

    /** The session, if the request has one (the sign-in page may be asked for with or without). */
    public java.util.Optional<Session> current() {
        return java.util.Optional.ofNullable(session);
    }

    /** @throws IllegalStateException on a page that {@link SessionFilter} lets through without a session */
    public Session session() {
        if (session == null) {
            throw new IllegalStateException("no session on this request");
        }
        return session;
    }
}
