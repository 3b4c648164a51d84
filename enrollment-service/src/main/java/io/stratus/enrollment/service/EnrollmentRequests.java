package io.stratus.enrollment.service;

import java.time.Duration;
import java.util.Base64;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PKCSReq: answers a repeated transaction from its record; otherwise checks the challenge and the CSR,
 * claims the challenge and records the transaction in one database transaction, relays the request to
 * the CA and waits (without holding a thread) for its answer up to the reply timeout.
 */
@ApplicationScoped
public class EnrollmentRequests {

    private final EnrollmentStore enrollments;
    private final ChallengeVerifier challenges;
    private final CsrPolicy csrPolicy;
    private final CertificateRequestPublisher publisher;
    private final IssuanceWaiters waiters;
    private final Duration replyTimeout;

    public EnrollmentRequests(EnrollmentStore enrollments, ChallengeVerifier challenges, CsrPolicy csrPolicy,
            CertificateRequestPublisher publisher, IssuanceWaiters waiters, EnrollmentConfig config) {
        this.enrollments = enrollments;
        this.challenges = challenges;
        this.csrPolicy = csrPolicy;
        this.publisher = publisher;
        this.waiters = waiters;
        this.replyTimeout = config.replyTimeout();
    }

    public Uni<ScepAnswer> enroll(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        return enrollments.find(transactionId).chain(existing -> existing != null
                ? Uni.createFrom().item(answerFromRecord(ca, existing))
                : checkAndRelay(ca, decoded));
    }

    /** The answer a known transaction gives, if it belongs to this CA. */
    static ScepAnswer answerFromRecord(ScepAuthority ca, Enrollment enrollment) {
        if (!belongsTo(ca, enrollment)) {
            Log.infof("SCEP transaction %s belongs to another CA; refused", enrollment.transactionId());
            return ScepAnswer.failure(FailInfo.badRequest);
        }
        return ScepAnswer.of(enrollment);
    }

    static boolean belongsTo(ScepAuthority ca, Enrollment enrollment) {
        return enrollment.tenant().equals(ca.authority().tenant())
                && enrollment.authorityId().equals(ca.authority().id());
    }

    private Uni<ScepAnswer> checkAndRelay(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        if (decoded.csr() == null) {
            return refuse(transactionId, "unusable CSR: " + decoded.csrProblem());
        }
        ParsedCsr csr = decoded.csr();
        return challenges.verify(ca.authority().tenant(), ca.authority().id(), csr.challengePassword())
                .chain(verdict -> {
                    if (!verdict.accepted()) {
                        return answerKnownOrRefuse(ca, transactionId, verdict.refusal());
                    }
                    String violation = csrPolicy.violation(csr, verdict.challenge().policy());
                    if (violation != null) {
                        return refuse(transactionId, violation);
                    }
                    return open(ca, Enrollment.pending(transactionId, verdict.challenge()), verdict.challenge(), csr);
                });
    }

    private Uni<ScepAnswer> open(ScepAuthority ca, Enrollment pending, ChallengeRecord challenge, ParsedCsr csr) {
        return enrollments.open(pending).chain(result -> {
            if (result == EnrollmentStore.OpenResult.OPENED) {
                return relay(pending, challenge, csr);
            }
            return answerKnownOrRefuse(ca, pending.transactionId(), "challenge was used meanwhile");
        });
    }

    /**
     * A concurrent copy of this request may have claimed the challenge since the transaction was looked
     * up: then it is answered as a repeated transaction, otherwise refused.
     */
    private Uni<ScepAnswer> answerKnownOrRefuse(ScepAuthority ca, String transactionId, String reason) {
        return enrollments.find(transactionId).chain(existing -> existing != null
                ? Uni.createFrom().item(answerFromRecord(ca, existing))
                : refuse(transactionId, reason));
    }

    private Uni<ScepAnswer> relay(Enrollment pending, ChallengeRecord challenge, ParsedCsr csr) {
        CertificateRequestedEvent request = new CertificateRequestedEvent(challenge.tenant(),
                pending.transactionId(), challenge.authorityId(), challenge.deviceId(), challenge.assignmentId(),
                challenge.profileId(), RequestPurpose.DEVICE, Base64.getEncoder().encodeToString(csr.encoded()),
                challenge.policy());
        IssuanceWaiters.Waiter waiter = waiters.register(pending.transactionId());
        Uni<Boolean> relayed = Workers.onCallerContext(publisher.publish(request).replaceWith(Boolean.TRUE)
                .onFailure().recoverWithItem(Boolean.FALSE));
        return relayed.chain(ok -> {
            if (!ok) {
                Log.errorf("SCEP transaction %s could not be relayed to the CA; challenge released",
                        pending.transactionId());
                return enrollments.abandon(pending).replaceWith(ScepAnswer.failure(FailInfo.badRequest));
            }
            Log.debugf("SCEP transaction %s relayed to CA %s", pending.transactionId(), challenge.authorityId());
            return waiter.await(replyTimeout).chain(outcome -> outcome != null
                    ? Uni.createFrom().item(ScepAnswer.of(outcome))
                    : enrollments.find(pending.transactionId()).map(latest -> latest == null
                            ? ScepAnswer.pending()
                            : ScepAnswer.of(latest)));
        }).onTermination().invoke(waiter::cancel);
    }

    private static Uni<ScepAnswer> refuse(String transactionId, String reason) {
        Log.infof("SCEP PKCSReq %s refused: %s", transactionId, reason);
        return Uni.createFrom().item(ScepAnswer.failure(FailInfo.badRequest));
    }
}
