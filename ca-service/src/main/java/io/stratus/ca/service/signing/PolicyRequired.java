package io.stratus.ca.service.signing;

import io.stratus.ca.service.IssuanceRejection;

/** A device request must carry the issuance policy resolved by profile-service. */
final class PolicyRequired implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        if (context.request().policy() == null) {
            throw IssuanceRejection.policy("the request carries no issuance policy");
        }
        if (context.request().policy().keySpec() == null) {
            throw IssuanceRejection.policy("the issuance policy has no key specification");
        }
    }
}
