package io.stratus.ca.service.signing;

import io.stratus.ca.service.IssuanceRejection;

/** An RA certificate keeps the subject its CSR asks for (enrollment-service chose it). */
final class SubjectFromCsr implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        String subject = context.csr().subjectDn();
        if (subject == null || subject.isBlank()) {
            throw new IssuanceRejection(IssuanceRejection.BAD_CSR, "an RA CSR needs a subject");
        }
        draft.subjectDn = subject;
    }
}
