package io.stratus.ca.service.signing;

import java.util.Locale;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.events.KeySpec;

/** The requested key is of the policy's family and at least the policy's size. */
final class KeyMatchesPolicy implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        KeySpec required = context.request().policy().keySpec();
        String family = normalize(required.algorithm());
        if (!family.equals(context.key().family())) {
            throw IssuanceRejection.policy("the requested key is " + context.key().family() + " but the policy requires "
                    + family);
        }
        if (context.key().size() < required.size()) {
            throw IssuanceRejection.policy("the requested key has " + context.key().size()
                    + " bits but the policy requires at least " + required.size());
        }
    }

    private static String normalize(String algorithm) {
        String upper = algorithm == null ? "" : algorithm.trim().toUpperCase(Locale.ROOT);
        return upper.equals("ECDSA") ? "EC" : upper;
    }
}
