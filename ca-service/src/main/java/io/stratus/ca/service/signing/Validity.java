package io.stratus.ca.service.signing;

import java.time.Duration;
import java.time.Instant;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.service.IssuanceRejection;

/** Validity windows of leaf certificates: never beyond the issuing CA's notAfter. */
final class Validity {

    /** Tolerance for devices whose clocks run a little behind. */
    static final Duration BACKDATE = Duration.ofMinutes(1);

    private Validity() {
    }

    static void set(LeafDraft draft, SigningContext context, Instant wantedEnd) {
        AuthorityEntity ca = context.authority();
        Instant start = context.now().minus(BACKDATE);
        if (start.isBefore(ca.notBefore)) {
            start = ca.notBefore;
        }
        Instant end = wantedEnd.isAfter(ca.notAfter) ? ca.notAfter : wantedEnd;
        if (!end.isAfter(context.now())) {
            throw new IssuanceRejection(IssuanceRejection.AUTHORITY_NOT_ACTIVE, "the CA " + ca.id + " has expired");
        }
        draft.notBefore = start;
        draft.notAfter = end;
    }
}
