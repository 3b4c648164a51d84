package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.scep.FailInfo;
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
        return relay.known(ca, transactionId).chain(known -> known != null
                ? Uni.createFrom().item(known)
                : checkAndRelay(ca, decoded));
    }

    private Uni<ScepAnswer> checkAndRelay(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        if (decoded.csr() == null) {
            return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, "unusable CSR: " + decoded.csrProblem());
        }
        ParsedCsr csr = decoded.csr();
        return challenges.verify(ca.authority().tenant(), ca.authority().id(), csr.challengePassword())
                .chain(verdict -> {
                    if (!verdict.accepted()) {
                        return staticEnrollment.matches(ca, csr.challengePassword()).chain(isStatic -> {
                            if (isStatic) {
                                return staticEnrollment.enroll(ca, transactionId, csr);
                            }
                            if (RenewalRequests.signedWithCertificateOf(ca, decoded)) {
                                return renewals.renew(ca, decoded);
                            }
                            return relay.answerKnownOrRefuse(ca, transactionId, verdict.refusal());
                        });
                    }
                    String violation = csrPolicy.violation(csr, verdict.challenge().policy());
                    if (violation != null) {
                        return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, violation);
                    }
                    return relay.openAndRelay(ca, Enrollment.pending(transactionId, verdict.challenge()), csr);
                });
    }
}
