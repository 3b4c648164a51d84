package io.stratus.profile.service;

import java.time.Duration;
import java.time.Instant;

import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.KnownAuthority;
import io.stratus.profile.entity.ScepProfile;

/** Checks a SCEP profile against the issuing CA it names (as ca-service announced it). */
final class AuthorityChecks {

    private AuthorityChecks() {
    }

    /** @throws ProblemException 400 with what is wrong */
    static void check(ScepProfile profile, KnownAuthority ca, Instant now) {
        String named = "authorityId '" + profile.authorityId + "'";
        if (ca == null) {
            throw ProblemException.badRequest(named + " is not a CA known in tenant " + profile.tenant
                    + " (create it in ca-service first; its AuthorityCreated event may take a moment to arrive)");
        }
        if (!"ISSUING".equals(ca.kind)) {
            throw ProblemException.badRequest(named + " is a " + ca.kind + " CA; a SCEP profile needs an issuing CA");
        }
        if (!"ACTIVE".equals(ca.status)) {
            throw ProblemException.badRequest(named + " is " + ca.status + ", not ACTIVE");
        }
        if (ca.ekus != null && !ca.ekus.isEmpty()) {
            for (String eku : profile.ekus) {
                if (!ca.ekus.contains(eku)) {
                    throw ProblemException.badRequest("extended key usage " + eku + " is not on the issuing CA "
                            + ca.subjectDn + " (it allows " + String.join(", ", ca.ekus) + ")");
                }
            }
        }
        if (ca.notAfter != null && now.plus(Duration.ofDays(profile.validityDays)).isAfter(ca.notAfter)) {
            throw ProblemException.badRequest("validityDays " + profile.validityDays
                    + " would pass the issuing CA's end of validity " + ca.notAfter);
        }
        if ("RSA".equals(ca.keyAlgorithm) && "RSA".equals(profile.keyAlgorithm) && ca.keySize != null
                && profile.keySize < ca.keySize) {
            throw ProblemException.badRequest("keySize " + profile.keySize + " is below the issuing CA's RSA "
                    + ca.keySize + " bits");
        }
    }
}
