package io.stratus.ca.service.signing;

import java.util.Locale;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.events.KeySpec;

/** The CSR's key is of the policy's family and at least the policy's size. */
final class KeyMatchesPolicy implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        KeySpec required = context.request().policy().keySpec();
        String family = normalize(required.algorithm());
        if (!family.equals(context.csr().keyFamily())) {
            throw IssuanceRejection.policy("the CSR key is " + context.csr().keyFamily() + " but the policy requires "
                    + family);
        }
        if (context.csr().keySize() < required.size()) {
            throw IssuanceRejection.policy("the CSR key has " + context.csr().keySize()
                    + " bits but the policy requires at least " + required.size());
        }
    }

    private static String normalize(String algorithm) {
        String upper = algorithm == null ? "" : algorithm.trim().toUpperCase(Locale.ROOT);
        return upper.equals("ECDSA") ? "EC" : upper;
    }
}
