package io.stratus.ca.service.signing;

import io.stratus.ca.mapping.PkiUrls;

/**
 * Every leaf carries the CRL distribution point and the AIA caIssuers URL of the key that signs it, the delta CRL of
 * that key as its Freshest CRL (RFC 5280 4.2.1.15, as ADCS does when it publishes deltas), and its CA's OCSP
 * responder in the AIA.
 */
final class IssuerUrls implements SigningOption {

    private final PkiUrls urls;

    IssuerUrls(PkiUrls urls) {
        this.urls = urls;
    }

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        // both name the key that signs (a CA renewed with a new key has several), as ADCS does
        draft.crlUrl = urls.crl(context.authority().tenant, context.authority().id, context.authority().keyGeneration);
        draft.caIssuersUrl = urls.caIssuers(context.authority().tenant, context.authority().id,
                context.authority().keyGeneration);
        draft.freshestCrlUrl = urls.deltaCrl(context.authority().tenant, context.authority().id,
                context.authority().keyGeneration);
        draft.ocspUrl = urls.ocsp(context.authority().tenant, context.authority().id);
    }
}
