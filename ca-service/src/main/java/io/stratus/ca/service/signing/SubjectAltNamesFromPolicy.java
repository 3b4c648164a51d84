package io.stratus.ca.service.signing;

import java.util.ArrayList;
import java.util.List;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.crypto.San;
import io.stratus.events.SubjectAltName;

/** The subject alternative names come from the policy, never from the CSR. */
final class SubjectAltNamesFromPolicy implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        List<SubjectAltName> names = context.request().policy().subjectAltNames();
        List<San> sans = new ArrayList<>();
        if (names != null) {
            for (SubjectAltName name : names) {
                sans.add(toSan(name));
            }
        }
        draft.subjectAltNames = sans;
    }

    private static San toSan(SubjectAltName name) {
        if (name == null || name.type() == null) {
            throw IssuanceRejection.policy("the policy has a subject alternative name without a type");
        }
        try {
            return new San(San.Type.valueOf(name.type().name()), name.value());
        } catch (IllegalArgumentException e) {
            throw IssuanceRejection.policy("the policy has an invalid " + name.type() + " subject alternative name");
        }
    }
}
