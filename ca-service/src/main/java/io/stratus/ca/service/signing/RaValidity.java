package io.stratus.ca.service.signing;

import java.time.ZoneOffset;

/** An RA certificate lives two years, or less when the issuing CA ends sooner. */
final class RaValidity implements SigningOption {

    static final int YEARS = 2;

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        Validity.set(draft, context, context.now().atOffset(ZoneOffset.UTC).plusYears(YEARS).toInstant());
    }
}
