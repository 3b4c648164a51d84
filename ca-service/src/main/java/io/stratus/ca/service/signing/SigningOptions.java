package io.stratus.ca.service.signing;

import java.util.List;

import io.stratus.ca.config.CaConfig;
import io.stratus.ca.mapping.PkiUrls;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/** The signing policy of each request purpose, as an ordered list of small options (checks first). */
@ApplicationScoped
public class SigningOptions {

    private final List<SigningOption> device;
    private final List<SigningOption> ra;

    public SigningOptions(PkiUrls urls, CaConfig config) {
        IssuerUrls issuerUrls = new IssuerUrls(urls);
        this.device = List.of(new PolicyRequired(), new KeyMatchesPolicy(),
                new SubjectFromPolicy(), new SubjectAltNamesFromPolicy(), new ExtendedKeyUsagesFromPolicy(),
                new KeyUsagesFromPolicy(), new ValidityFromPolicy(config.maxDeviceValidityDays()), issuerUrls);
        this.ra = List.of(new RaForItsCa(), new RaKeyUsages(), new RaValidity(),
                issuerUrls);
    }

    /** Applies the options of the request's purpose; throws {@code IssuanceRejection} on the first refusal. */
    public LeafDraft draft(SigningContext context) {
        LeafDraft draft = new LeafDraft();
        for (SigningOption option : forPurpose(context.request().purpose())) {
            option.apply(context, draft);
        }
        return draft;
    }

    List<SigningOption> forPurpose(RequestPurpose purpose) {
        return purpose == RequestPurpose.RA ? ra : device;
    }
}
