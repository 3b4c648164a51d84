package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.enrollment.service.ChallengeVerifier.Verdict;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PKCSReq: answers a repeated transaction from its record; otherwise checks the challenge (a one-time
 * challenge from profile-service, or else the CA's static challenge when that mode is on) and the CSR,
 * then hands the request to the {@link IssuanceRelay}. Without a valid challenge, a PKCSReq signed with a
 * certificate of this CA is handled as a renewal (the pre-RFC 8894 way, used by jscep).
 */
@ApplicationScoped
public class EnrollmentRequests {

    private final IssuanceRelay relay;
    private final ChallengeVerifier challenges;
    private final CsrPolicy csrPolicy;
    private final StaticEnrollment staticEnrollment;
    private final RenewalRequests renewals;

    public EnrollmentRequests(IssuanceRelay relay, ChallengeVerifier challenges, CsrPolicy csrPolicy,
            StaticEnrollment staticEnrollment, RenewalRequests renewals) {
        this.renewals = renewals;
        this.relay = relay;
        this.challenges = challenges;
        this.csrPolicy = csrPolicy;
        this.staticEnrollment = staticEnrollment;
    }

    public Uni<ScepAnswer> enroll(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        return relay.known(ca, transactionId, decoded.requesterKey()).chain(known -> known != null
                ? Uni.createFrom().item(known)
                : checkAndRelay(ca, decoded));
    }

    private Uni<ScepAnswer> checkAndRelay(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        if (decoded.csr() == null) {
            return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, "unusable CSR: " + decoded.csrProblem());
        }
        ParsedCsr csr = decoded.csr();
        String tenant = ca.authority().tenant();
        String authorityId = ca.authority().id();
        String password = csr.challengePassword();
        // a one-time challenge stored already, else the CA's static challenge, and only then the wait for a one-time
        // challenge still on its way. A static challenge never waits for the arrival grace, and neither does a
        // request signed with a certificate of this CA: it renews, and no assignment event is on its way for it.
        return challenges.verifyNow(tenant, authorityId, password).chain(now -> !now.unknown()
                || RenewalRequests.signedWithCertificateOf(ca, decoded)
                ? afterVerdict(ca, decoded, csr, now)
                : staticEnrollment.matches(ca, password).chain(isStatic -> isStatic
                        ? staticEnrollment.enroll(ca, decoded)
                        : challenges.verify(tenant, authorityId, password)
                                .chain(verdict -> afterVerdict(ca, decoded, csr, verdict))));
    }

    private Uni<ScepAnswer> afterVerdict(ScepAuthority ca, DecodedRequest decoded, ParsedCsr csr, Verdict verdict) {
        String transactionId = decoded.request().transactionId();
        if (!verdict.accepted()) {
            if (RenewalRequests.signedWithCertificateOf(ca, decoded)) {
                return renewals.renew(ca, decoded);
            }
            return relay.answerKnownOrRefuse(ca, transactionId, verdict.refusal(), decoded.requesterKey());
        }
        String violation = csrPolicy.violation(csr, verdict.challenge().policy());
        if (violation != null) {
            return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, violation);
        }
        return relay.openAndRelay(ca, Enrollment.pending(transactionId, verdict.challenge()), csr,
                decoded.requesterKey());
    }
}
