package io.stratus.ca.service;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.events.AuthorityStatus;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Intune's order of CA lifecycle operations. Each check fails with a 409 problem that says what must happen first:
 * pause before revoke; revoke every leaf certificate (or every issuing CA, for a root) before revoking the CA;
 * revoke an issuing CA before deleting it; delete every issuing CA before deleting their root.
 */
@ApplicationScoped
public class LifecycleRules {

    private final AuthorityRepository authorities;

    public LifecycleRules(AuthorityRepository authorities) {
        this.authorities = authorities;
    }

    public Uni<Void> canPause(AuthorityEntity ca) {
        if (ca.status != AuthorityStatus.ACTIVE) {
            throw conflict(ca, notActive(ca, "paused"));
        }
        return done();
    }

    public Uni<Void> canResume(AuthorityEntity ca) {
        if (ca.status != AuthorityStatus.PAUSED) {
            throw conflict(ca, ca.status == AuthorityStatus.ACTIVE ? "it is already ACTIVE"
                    : notActive(ca, "resumed"));
        }
        if (!ca.isIssuing()) {
            return done();
        }
        return authorities.findById(ca.parentId).invoke(parent -> {
            if (parent == null || parent.status == AuthorityStatus.REVOKED || parent.deletedAt != null) {
                throw conflict(ca, "its root CA " + ca.parentId + " is revoked; an issuing CA under a revoked root"
                        + " stays paused");
            }
        }).replaceWithVoid();
    }

    public Uni<Void> canRevoke(AuthorityEntity ca) {
        if (ca.status != AuthorityStatus.PAUSED) {
            throw conflict(ca, ca.status == AuthorityStatus.REVOKED ? "it is already REVOKED"
                    : "it is " + ca.status + "; pause it first");
        }
        if (ca.isIssuing()) {
            // its unexpired certificates are revoked with it (AuthorityLifecycle.revoke)
            return done();
        }
        return authorities.childrenOf(ca.id).invoke(children -> {
            List<String> unrevoked = children.stream().filter(c -> c.status != AuthorityStatus.REVOKED)
                    .map(c -> c.id).toList();
            if (!unrevoked.isEmpty()) {
                throw conflict(ca, "its issuing CAs " + unrevoked + " are not revoked; revoke them first");
            }
        }).replaceWithVoid();
    }

    public Uni<Void> canDelete(AuthorityEntity ca) {
        if (ca.isIssuing()) {
            if (ca.status != AuthorityStatus.REVOKED && ca.status != AuthorityStatus.SIGNING_REQUIRED) {
                throw conflict(ca, "it is " + ca.status + "; an issuing CA is deleted only after it was revoked"
                        + " (pause it, then revoke it: its certificates are revoked with it)");
            }
            return done();
        }
        if (ca.status == AuthorityStatus.ACTIVE) {
            throw conflict(ca, "it is ACTIVE; pause it first");
        }
        return authorities.childrenOf(ca.id).invoke(children -> {
            if (!children.isEmpty()) {
                throw conflict(ca, "its issuing CAs " + children.stream().map(c -> c.id).toList()
                        + " still exist; delete them first");
            }
        }).replaceWithVoid();
    }

    private static String notActive(AuthorityEntity ca, String verb) {
        if (ca.status == AuthorityStatus.SIGNING_REQUIRED) {
            return "it waits for its externally signed certificate; upload it first";
        }
        if (ca.status == AuthorityStatus.REVOKED) {
            return "it is REVOKED; a revoked CA cannot be " + verb;
        }
        return "it is already " + ca.status;
    }

    private static ProblemException conflict(AuthorityEntity ca, String why) {
        return ProblemException.conflict("CA " + ca.id + " cannot do that now: " + why);
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
