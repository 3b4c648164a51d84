package io.stratus.enrollment.service;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.events.IssuancePolicy;

/** A device never gets a CA certificate, whatever its CSR asks for. */
public final class NoCaRequest implements CsrCheck {

    @Override
    public String violation(ParsedCsr csr, IssuancePolicy policy) {
        return csr.requestsCa() ? "the request asks for a CA certificate" : null;
    }
}
