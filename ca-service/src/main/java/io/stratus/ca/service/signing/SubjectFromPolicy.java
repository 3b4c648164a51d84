package io.stratus.ca.service.signing;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.crypto.SubjectNames;

/** The subject DN comes from the policy, never from the CSR. */
final class SubjectFromPolicy implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        String subject = context.request().policy().subject();
        boolean noSans = context.request().policy().subjectAltNames() == null
                || context.request().policy().subjectAltNames().isEmpty();
        if ((subject == null || subject.isBlank()) && noSans) {
            throw IssuanceRejection.policy("the policy names neither a subject nor subject alternative names");
        }
        try {
            draft.subjectDn = subject == null || subject.isBlank() ? ""
                    : SubjectNames.toString(SubjectNames.parse(subject));
        } catch (IllegalArgumentException e) {
            throw IssuanceRejection.policy("the policy's subject is not a distinguished name");
        }
    }
}
