package io.stratus.ca.service.signing;

import io.stratus.ca.service.IssuanceRejection;

/** A device or RA never gets a CA certificate; a CSR that asks for CA:true is refused. */
final class CsrMustNotRequestCa implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        if (context.csr().requestsCa()) {
            throw IssuanceRejection.policy("the CSR requests a CA certificate (basicConstraints CA:true)");
        }
    }
}
