package io.stratus.ca.service.signing;

import java.time.Duration;

import io.stratus.ca.service.IssuanceRejection;

/** Validity from the policy's validityDays, capped at the issuing CA's notAfter. */
final class ValidityFromPolicy implements SigningOption {

    /** Far beyond any CA life; guards against overflow from absurd policies. */
    private static final int MAX_DAYS = 100 * 366;

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        int days = context.request().policy().validityDays();
        if (days <= 0 || days > MAX_DAYS) {
            throw IssuanceRejection.policy("the policy's validityDays " + days + " is out of range");
        }
        Validity.set(draft, context, context.now().plus(Duration.ofDays(days)));
    }
}
