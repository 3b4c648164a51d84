package io.stratus.ca.service.signing;

import io.stratus.ca.mapping.PkiUrls;

/** Every leaf carries the issuing CA's CRL distribution point and AIA caIssuers URL. */
final class IssuerUrls implements SigningOption {

    private final PkiUrls urls;

    IssuerUrls(PkiUrls urls) {
        this.urls = urls;
    }

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        draft.crlUrl = urls.crl(context.authority().tenant, context.authority().id);
        draft.caIssuersUrl = urls.caIssuers(context.authority().tenant, context.authority().id);
    }
}
