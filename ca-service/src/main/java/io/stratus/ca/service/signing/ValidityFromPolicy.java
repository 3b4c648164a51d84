package io.stratus.ca.service.signing;

import java.time.Duration;

import io.stratus.ca.service.IssuanceRejection;

/**
 * Validity from the policy's validityDays, at most the deployment's cap ({@code stratus.ca.max-device-validity-days}:
 * more is refused), and ending no later than the issuing CA's notAfter.
 */
final class ValidityFromPolicy implements SigningOption {

    private final int maxDays;

    ValidityFromPolicy(int maxDays) {
        this.maxDays = maxDays;
    }

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        int days = context.request().policy().validityDays();
        if (days <= 0) {
            throw IssuanceRejection.policy("the policy's validityDays " + days + " is out of range");
        }
        if (days > maxDays) {
            throw IssuanceRejection.policy("the policy asks for " + days + " days of validity; this deployment signs"
                    + " device certificates for at most " + maxDays + " days (stratus.ca.max-device-validity-days)");
        }
        Validity.set(draft, context, context.now().plus(Duration.ofDays(days)));
    }
}
