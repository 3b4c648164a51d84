package io.stratus.enrollment.service;

import java.time.Duration;
import java.time.Instant;
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
 * The common end of PKCSReq and RenewalReq once the request is authorised: records the transaction
 * (claiming its challenge, if it has one) in one database transaction, relays CertificateRequested to the
 * CA and waits, holding no thread, for the answer up to the reply timeout (then PENDING). Also answers
 * repeated transactions from their record, relaying a PENDING one again when its last relay is older than
 * {@code stratus.enrollment.re-relay-after} (the publish after the commit may have been lost).
 */
@ApplicationScoped
public class IssuanceRelay {

    private final EnrollmentStore enrollments;
    private final CertificateRequestPublisher publisher;
    private final IssuanceWaiters waiters;
    private final Duration replyTimeout;
    private final Duration reRelayAfter;

    public IssuanceRelay(EnrollmentStore enrollments, CertificateRequestPublisher publisher, IssuanceWaiters waiters,
            EnrollmentConfig config) {
        this.enrollments = enrollments;
        this.publisher = publisher;
        this.waiters = waiters;
        this.replyTimeout = config.replyTimeout();
        this.reRelayAfter = config.reRelayAfter();
    }

    /**
     * The answer of a known transaction, or null (as the item) when the transaction is new. A PENDING one
     * of this CA is relayed again first if it is due ({@link #relayAgainIfDue}), if {@code requesterKey} sent it.
     */
    public Uni<ScepAnswer> known(ScepAuthority ca, String transactionId, byte[] requesterKey) {
        TransactionKey key = new TransactionKey(ca.authority().id(), transactionId);
        return enrollments.find(key).chain(existing -> existing == null
                ? Uni.createFrom().<ScepAnswer>nullItem()
                : answerAgain(ca, existing, requesterKey, FailInfo.badRequest));
    }

    /**
     * The answer of a recorded transaction to {@code requesterKey} (CertPoll, a repeated request): a FAILURE with
     * {@code notYours} unless it belongs to this CA and that key sent it; otherwise its state, after relaying it
     * again if it is PENDING and due ({@link #relayAgainIfDue}).
     */
    public Uni<ScepAnswer> answerAgain(ScepAuthority ca, Enrollment enrollment, byte[] requesterKey,
            FailInfo notYours) {
        ScepAnswer refusal = refusalOfOthers(ca, enrollment, requesterKey, notYours);
        return refusal != null
                ? Uni.createFrom().item(refusal)
                : relayAgainIfDue(ca, enrollment).map(ScepAnswer::of);
    }

    /**
     * Publishes CertificateRequested again, from the stored key and policy, for a PENDING transaction of this
     * CA last relayed more than {@code re-relay-after} ago; completes with the transaction as given. A
     * failed publish is logged and retried by a later question after the same wait.
     */
    public Uni<Enrollment> relayAgainIfDue(ScepAuthority ca, Enrollment enrollment) {
        if (enrollment.status() != EnrollmentStatus.PENDING || !belongsTo(ca, enrollment)) {
            return Uni.createFrom().item(enrollment);
        }
        Instant now = Instant.now();
        return enrollments.claimRelay(enrollment.key(), now.minus(reRelayAfter), now).chain(publicKeyDer -> {
            if (publicKeyDer == null) {
                return Uni.createFrom().voidItem();
            }
            Log.infof("SCEP transaction %s still PENDING; CertificateRequested published again",
                    enrollment.transactionId());
            return Workers.onCallerContext(publisher.publish(requestOf(enrollment, publicKeyDer)))
                    .onFailure().invoke(e -> Log.warnf("SCEP transaction %s could not be relayed again: %s",
                            enrollment.transactionId(), e.getClass().getSimpleName()))
                    .onFailure().recoverWithNull();
        }).replaceWith(enrollment);
    }

    /**
     * Records the pending transaction as sent by {@code requesterKey} and relays it; if a concurrent copy won,
     * answers as that copy.
     */
    public Uni<ScepAnswer> openAndRelay(ScepAuthority ca, Enrollment unsent, ParsedCsr csr, byte[] requesterKey) {
        Enrollment pending = unsent.sentBy(requesterKey);
        byte[] publicKeyDer = csr.publicKey().getEncoded();
        return enrollments.open(pending, publicKeyDer).chain(result -> {
            if (result == EnrollmentStore.OpenResult.OPENED) {
                return relay(pending, publicKeyDer);
            }
            return answerKnownOrRefuse(ca, pending.transactionId(),
                    result == EnrollmentStore.OpenResult.RENEWED_ALREADY
                            ? "certificate " + pending.renewedSerial() + " was renewed already"
                            : "challenge was used meanwhile", requesterKey);
        });
    }

    /**
     * A concurrent copy of this request may have recorded the transaction since it was looked up: then it
     * is answered as a repeated transaction, otherwise refused with badRequest.
     */
    public Uni<ScepAnswer> answerKnownOrRefuse(ScepAuthority ca, String transactionId, String reason,
            byte[] requesterKey) {
        TransactionKey key = new TransactionKey(ca.authority().id(), transactionId);
        return enrollments.find(key).chain(existing -> existing != null
                ? Uni.createFrom().item(answerFromRecord(ca, existing, requesterKey))
                : refuse(transactionId, FailInfo.badRequest, reason));
    }

    /** The outcome of a known transaction for {@code requesterKey}, or badRequest if it is not this CA's or key's. */
    private static ScepAnswer answerFromRecord(ScepAuthority ca, Enrollment enrollment, byte[] requesterKey) {
        ScepAnswer refusal = refusalOfOthers(ca, enrollment, requesterKey, FailInfo.badRequest);
        return refusal != null ? refusal : ScepAnswer.of(enrollment);
    }

    /** Null when the transaction belongs to this CA and {@code requesterKey} sent it; otherwise the refusal. */
    private static ScepAnswer refusalOfOthers(ScepAuthority ca, Enrollment enrollment, byte[] requesterKey,
            FailInfo notYours) {
        if (!belongsTo(ca, enrollment)) {
            Log.infof("SCEP transaction %s belongs to another CA; refused", enrollment.transactionId());
            return ScepAnswer.failure(notYours);
        }
        if (!RequesterKey.sentBy(enrollment, requesterKey)) {
            Log.infof("SCEP transaction %s was sent with another key; refused", enrollment.transactionId());
            return ScepAnswer.failure(notYours);
        }
        return null;
    }

    public static boolean belongsTo(ScepAuthority ca, Enrollment enrollment) {
        return enrollment.tenant().equals(ca.authority().tenant())
                && enrollment.authorityId().equals(ca.authority().id());
    }

    /** A FAILURE answer, logged with the transaction id and the reason (never a secret). */
    public static Uni<ScepAnswer> refuse(String transactionId, FailInfo failInfo, String reason) {
        Log.infof("SCEP request %s refused (%s): %s", transactionId, failInfo, reason);
        return Uni.createFrom().item(ScepAnswer.failure(failInfo));
    }

    private Uni<ScepAnswer> relay(Enrollment pending, byte[] publicKeyDer) {
        CertificateRequestedEvent request = requestOf(pending, publicKeyDer);
        IssuanceWaiters.Waiter waiter = waiters.register(pending.key());
        Uni<Boolean> relayed = Workers.onCallerContext(publisher.publish(request).replaceWith(Boolean.TRUE)
                .onFailure().recoverWithItem(Boolean.FALSE));
        return relayed.chain(ok -> {
            if (!ok) {
                // the publish may have reached the CA all the same: releasing the challenge would let a new
                // transaction get a second certificate. The device polls; its CertPoll relays the request again.
                Log.warnf("SCEP transaction %s could not be relayed to the CA now; PENDING, relayed again at the"
                        + " device's next CertPoll", pending.transactionId());
                return enrollments.relayFailed(pending.key()).replaceWith(ScepAnswer.pending());
            }
            Log.debugf("SCEP %s transaction %s relayed to CA %s", pending.kind(), pending.transactionId(),
                    pending.authorityId());
            return waiter.await(replyTimeout).chain(outcome -> outcome != null
                    ? Uni.createFrom().item(ScepAnswer.of(outcome))
                    : enrollments.find(pending.key()).map(latest -> latest == null
                            ? ScepAnswer.pending()
                            : ScepAnswer.of(latest)));
        }).onTermination().invoke(waiter::cancel);
    }

    /** The request the CA gets: the key to certify and the policy, never the CSR (it carries the challenge). */
    private static CertificateRequestedEvent requestOf(Enrollment pending, byte[] publicKeyDer) {
        return new CertificateRequestedEvent(pending.tenant(), pending.transactionId(), pending.authorityId(),
                pending.deviceId(), pending.assignmentId(), pending.profileId(), RequestPurpose.DEVICE,
                Base64.getEncoder().encodeToString(publicKeyDer), pending.policy(), pending.renewedSerial(),
                pending.openedAt(), pending.assignedAt());
    }
}
