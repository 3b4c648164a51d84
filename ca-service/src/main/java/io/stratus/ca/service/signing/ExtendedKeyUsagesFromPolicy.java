package io.stratus.ca.service.signing;

import java.util.ArrayList;
import java.util.List;

import io.stratus.ca.mapping.ExtendedKeyUsageNames;
import io.stratus.ca.service.IssuanceRejection;

/** EKUs come from the policy only, and must lie within the issuing CA's EKUs when the CA has any. */
final class ExtendedKeyUsagesFromPolicy implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        List<String> oids;
        try {
            oids = ExtendedKeyUsageNames.oids(context.request().policy().extendedKeyUsages());
        } catch (IllegalArgumentException e) {
            throw IssuanceRejection.policy("policy extendedKeyUsages: " + e.getMessage());
        }
        List<String> allowed = context.authority().ekuList();
        if (!allowed.isEmpty()) {
            List<String> outside = new ArrayList<>(oids);
            outside.removeAll(allowed);
            if (!outside.isEmpty()) {
                throw IssuanceRejection.policy("extended key usages " + outside + " are not allowed by the CA "
                        + context.authority().id + " (allowed: " + allowed + ")");
            }
        }
        draft.extendedKeyUsageOids = oids;
    }
}
