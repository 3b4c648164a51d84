package io.stratus.enrollment.service;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.stratus.crypto.scep.FailInfo;

/**
 * The certificate a RenewalReq is signed with must be an end-entity certificate issued (and signed) by this
 * CA and valid now. Whether this service handed it out and whether it was revoked is checked against the
 * issued-certificate table afterwards.
 */
public final class RenewalSigner {

    /** Why a signer certificate is refused, with the failInfo to answer. */
    public record Refusal(FailInfo failInfo, String reason) {
    }

    private RenewalSigner() {
    }

    /**
     * As {@link #check(X509Certificate, X509Certificate, Instant)} against any generation of the CA's
     * certificate (after a rollover, certificates issued under the previous CA key may still renew).
     */
    public static Refusal check(X509Certificate signer, List<X509Certificate> caGenerations, Instant now) {
        Refusal refusal = null;
        for (X509Certificate generation : caGenerations) {
            refusal = check(signer, generation, now);
            if (refusal == null || refusal.failInfo() != FailInfo.badCertId) {
                return refusal;
            }
        }
        return refusal == null ? new Refusal(FailInfo.badCertId, "the CA has no certificate") : refusal;
    }

    /** Null when {@code signer} may renew at {@code now}, otherwise the refusal. */
    public static Refusal check(X509Certificate signer, X509Certificate ca, Instant now) {
        if (signer == null) {
            return new Refusal(FailInfo.badMessageCheck, "RenewalReq carries no signer certificate");
        }
        // X500Principal equality compares the canonical forms
        if (!signer.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return new Refusal(FailInfo.badCertId, "signer certificate was not issued by this CA");
        }
        try {
            signer.verify(ca.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Refusal(FailInfo.badCertId, "signer certificate does not verify with this CA's key");
        }
        if (signer.getBasicConstraints() >= 0) {
            return new Refusal(FailInfo.badRequest, "a CA certificate cannot renew through SCEP");
        }
        Date at = Date.from(now);
        if (at.before(signer.getNotBefore()) || at.after(signer.getNotAfter())) {
            return new Refusal(FailInfo.badRequest, "signer certificate is not valid now (expired or not yet valid)");
        }
        return null;
    }
}
