package io.stratus.enrollment.service;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.IssuancePolicy;

/** The CSR's subject DN equals the policy's (canonical comparison: case, spacing and string types aside). */
public final class SubjectMatchesPolicy implements CsrCheck {

    @Override
    public String violation(ParsedCsr csr, IssuancePolicy policy) {
        String expected = policy.subject() == null ? "" : policy.subject();
        try {
            return SubjectNames.canonical(csr.subjectDn()).equals(SubjectNames.canonical(expected))
                    ? null
                    : "subject does not match the profile";
        } catch (RuntimeException e) {
            return "subject cannot be compared with the profile";
        }
    }
}
