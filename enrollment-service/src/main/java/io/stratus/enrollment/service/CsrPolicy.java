package io.stratus.enrollment.service;

import java.util.List;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.events.IssuancePolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** The checks a device CSR goes through before it is relayed to the CA; the first violation wins. */
@ApplicationScoped
public class CsrPolicy {

    private final List<CsrCheck> checks = List.of(new SubjectMatchesPolicy(), new SubjectAltNamesMatchPolicy(),
            new KeyMatchesPolicy(), new NoCaRequest());

    /** Null when the CSR satisfies the policy, otherwise the first violation. */
    public String violation(ParsedCsr csr, IssuancePolicy policy) {
        for (CsrCheck check : checks) {
            String violation = check.violation(csr, policy);
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }
}
