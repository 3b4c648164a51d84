package io.stratus.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.Arc;
import io.stratus.platform.audit.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Who is calling, as the audit log names them: the token's subject, or {@code system} outside an API request. */
@ApplicationScoped
public class Callers {

    private final Instance<JsonWebToken> token;

    public Callers(Instance<JsonWebToken> token) {
        this.token = token;
    }

    /** The current request's token subject (its name if it has none); {@code system} when no request is active. */
    public String current() {
        if (!Arc.container().requestContext().isActive()) {
            return AuditRecord.SYSTEM;
        }
        JsonWebToken caller = token.get();
        String subject = caller == null ? null : caller.getSubject();
        if (subject == null || subject.isBlank()) {
            subject = caller == null ? null : caller.getName();
        }
        return subject == null || subject.isBlank() ? "unknown" : subject;
    }
}
