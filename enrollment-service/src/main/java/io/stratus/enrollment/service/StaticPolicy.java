package io.stratus.enrollment.service;

import java.util.List;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;

/**
 * The default policy of a static-challenge enrollment: subject {@code CN=<the CSR's CN>} (nothing else
 * from the CSR, no SANs), clientAuth, digitalSignature + keyEncipherment, 365 days, RSA of at least 2048 bits, and
 * the static renewal threshold ({@code stratus.enrollment.static-renewal-threshold-percent}) for the CA to announce.
 */
public final class StaticPolicy {

    public static final int VALIDITY_DAYS = 365;
    public static final KeySpec KEY = KeySpec.rsa(2048);
    private static final List<CsrCheck> CHECKS = List.of(new KeyMatchesPolicy(), new NoCaRequest());

    /** The policy, or why the CSR cannot have one. */
    public record Outcome(IssuancePolicy policy, String commonName, String violation) {
    }

    private StaticPolicy() {
    }

    public static Outcome of(ParsedCsr csr, int renewalThresholdPercent) {
        String cn = commonName(csr.subjectDn());
        if (cn == null || cn.isBlank()) {
            return new Outcome(null, null, "the CSR subject has no CN");
        }
        IssuancePolicy policy = new IssuancePolicy(SubjectNames.dn(cn, null, null, null, null, null), List.of(), KEY,
                List.of(ExtendedKeyUsages.CLIENT_AUTH), List.of("digitalSignature", "keyEncipherment"),
                VALIDITY_DAYS, false, renewalThresholdPercent, null);
        for (CsrCheck check : CHECKS) {
            String violation = check.violation(csr, policy);
            if (violation != null) {
                return new Outcome(null, cn, violation);
            }
        }
        return new Outcome(policy, cn, null);
    }

    static String commonName(String subjectDn) {
        try {
            X500Name name = SubjectNames.parse(subjectDn);
            RDN[] cns = name.getRDNs(BCStyle.CN);
            return cns.length == 0 ? null : IETFUtils.valueToString(cns[cns.length - 1].getFirst().getValue());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
