package io.stratus.enrollment.service;

import java.util.Locale;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;

/** The CSR's key is of the policy's family (RSA or EC) and at least the policy's size. */
public final class KeyMatchesPolicy implements CsrCheck {

    @Override
    public String violation(ParsedCsr csr, IssuancePolicy policy) {
        KeySpec spec = policy.keySpec();
        if (spec == null || spec.algorithm() == null) {
            return "the profile names no key type";
        }
        String family = spec.algorithm().trim().toUpperCase(Locale.ROOT);
        if (!family.equals(csr.keyFamily())) {
            return "key type " + csr.keyFamily() + " where the profile requires " + family;
        }
        if (csr.keySize() < spec.size()) {
            return "key size " + csr.keySize() + " is below the profile's " + spec.size();
        }
        return null;
    }
}
