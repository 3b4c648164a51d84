package io.stratus.ca.service.signing;

import java.time.Duration;

import io.stratus.ca.service.IssuanceRejection;

/**
 * Validity from the policy's validityDays, at most the deployment's cap ({@code stratus.ca.max-device-validity-days}:
 * more is refused), and ending no later than the issuing CA's notAfter. A policy with validityMinutes (a profile of a
 * deployment that allows short validities) gets that many minutes, less than a day.
 */
final class ValidityFromPolicy implements SigningOption {

    private static final int MINUTES_PER_DAY = 24 * 60;

    private final int maxDays;

    ValidityFromPolicy(int maxDays) {
        this.maxDays = maxDays;
    }

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        Integer minutes = context.request().policy().validityMinutes();
        if (minutes != null) {
            if (minutes <= 0 || minutes >= MINUTES_PER_DAY) {
                throw IssuanceRejection.policy("the policy's validityMinutes " + minutes + " is out of range (1 to "
                        + (MINUTES_PER_DAY - 1) + ")");
            }
            Validity.set(draft, context, context.now().plus(Duration.ofMinutes(minutes)));
            return;
        }
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
