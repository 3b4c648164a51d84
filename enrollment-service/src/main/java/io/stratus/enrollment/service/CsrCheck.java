package io.stratus.enrollment.service;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.events.IssuancePolicy;

/** One rule a device's CSR must satisfy against the policy its challenge was issued with. */
public interface CsrCheck {

    /** Null when the CSR passes; otherwise why it does not (no secrets). */
    String violation(ParsedCsr csr, IssuancePolicy policy);
}
