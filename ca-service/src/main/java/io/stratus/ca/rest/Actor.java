package io.stratus.ca.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the token's subject, as written into the audit log. */
@RequestScoped
public class Actor {

    private final JsonWebToken token;

    public Actor(JsonWebToken token) {
        this.token = token;
    }

    public String name() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            subject = token == null ? null : token.getName();
        }
        return subject == null || subject.isBlank() ? "unknown" : subject;
    }
}
