package io.stratus.ca.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.platform.rest.ProblemException;

/** When a CA may be renewed in place, and for how long the new certificate is valid. */
final class RenewalRules {

    private RenewalRules() {
    }

    /** 409 unless the CA is ACTIVE or PAUSED without an announced renewal. */
    static void checkRenewable(AuthorityEntity ca, List<CaCertificateEntity> generations) {
        if (ca.status != AuthorityStatus.ACTIVE && ca.status != AuthorityStatus.PAUSED) {
            throw ProblemException.conflict("CA " + ca.id + " is " + ca.status + "; only an ACTIVE or PAUSED CA can"
                    + " be renewed");
        }
        generations.stream().filter(row -> row.state == CaCertificateState.NEXT).findFirst().ifPresent(next -> {
            throw ProblemException.conflict("CA " + ca.id + " already has an announced renewal (generation "
                    + next.generation + "); activate it (POST .../renewal/activate) or cancel it"
                    + " (DELETE .../renewal) first");
        });
    }

    /** 409 unless the parent of an issuing CA is ACTIVE (it signs the renewed certificate with its current key). */
    static void checkParent(AuthorityEntity ca, AuthorityEntity parent) {
        if (parent == null) {
            throw ProblemException.conflict("the parent CA " + ca.parentId + " of CA " + ca.id + " was deleted");
        }
        if (parent.status != AuthorityStatus.ACTIVE) {
            throw ProblemException.conflict("the parent CA " + parent.id + " is " + parent.status
                    + "; it must be ACTIVE to sign the renewed certificate of CA " + ca.id);
        }
    }

    /**
     * The validity in years: the requested one (one of the sets allowed at creation) or, when absent, the CA's
     * current lifetime. 400 when it is not allowed or an issuing CA would outlive its parent.
     */
    static int validityYears(AuthorityEntity ca, Integer requested, AuthorityEntity parent, Instant notBefore) {
        List<Integer> allowed = ca.kind == AuthorityKind.ROOT ? AuthorityRequestValidator.ROOT_VALIDITY_YEARS
                : AuthorityRequestValidator.ISSUING_VALIDITY_YEARS;
        int years = requested != null ? requested : currentLifetimeYears(ca);
        if (!allowed.contains(years)) {
            throw ProblemException.badRequest("validityYears of a " + ca.kind + " CA must be one of " + allowed
                    + (requested == null ? " (the current lifetime, " + years + " years, is not; pass validityYears)"
                            : ""));
        }
        Instant notAfter = CaCertificateFactory.notAfter(notBefore, years);
        if (parent != null && notAfter.isAfter(parent.notAfter)) {
            throw ProblemException.badRequest("validityYears " + years + " would end on " + notAfter
                    + ", after the parent CA's notAfter " + parent.notAfter + "; choose a shorter validity"
                    + " (or renew the root first)");
        }
        return years;
    }

    private static int currentLifetimeYears(AuthorityEntity ca) {
        long years = ChronoUnit.YEARS.between(ca.notBefore.atOffset(ZoneOffset.UTC),
                ca.notAfter.atOffset(ZoneOffset.UTC).plusDays(1));
        return (int) years;
    }
}
