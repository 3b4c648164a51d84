package io.stratus.enrollment.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.events.AuthorityStatus;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SCEP PKIOperation, independent of HTTP: decode (on a worker), dispatch on the message type, sign the
 * CertRep (on a worker).
 */
@ApplicationScoped
public class PkiOperations {

    private final RequestAlgorithms requestAlgorithms;
    private final ScepAuthorities authorities;
    private final EnrollmentRequests enrollmentRequests;
    private final RenewalRequests renewalRequests;
    private final CertificateQueries queries;
    private final EnrollmentStore enrollments;
    private final Workers workers;
    private final IssuanceRelay relay;

    public PkiOperations(ScepAuthorities authorities, EnrollmentRequests enrollmentRequests,
            RenewalRequests renewalRequests, CertificateQueries queries, EnrollmentStore enrollments,
            Workers workers, IssuanceRelay relay, RequestAlgorithms requestAlgorithms) {
        this.relay = relay;
        this.requestAlgorithms = requestAlgorithms;
        this.queries = queries;
        this.renewalRequests = renewalRequests;
        this.authorities = authorities;
        this.enrollmentRequests = enrollmentRequests;
        this.enrollments = enrollments;
        this.workers = workers;
    }

    /**
     * Answers one pkiMessage with a signed CertRep.
     *
     * @throws UnknownAuthorityException, RaNotReadyException, UndecodableMessageException (as failed Unis)
     */
    public Uni<ScepReply> handle(String tenant, String authorityId, byte[] message) {
        return authorities.load(tenant, authorityId)
                .chain(ca -> workers.run(() -> DecodedRequest.decode(requestAlgorithms.serverFor(authorityId), message, ca))
                        .chain(decoded -> answer(ca, decoded)
                                .chain(answer -> workers.run(() -> CertRepBuilder.build(decoded.request(), answer,
                                        ca.ra())))));
    }

    private Uni<ScepAnswer> answer(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        if (decoded.failed()) {
            Log.infof("SCEP message %s refused (%s): %s", transactionId, decoded.failInfo(), decoded.failure());
            return Uni.createFrom().item(ScepAnswer.failure(decoded.failInfo()));
        }
        if (ca.authority().status() != AuthorityStatus.ACTIVE) {
            Log.infof("SCEP message %s refused: CA %s is %s", transactionId, ca.authority().id(),
                    ca.authority().status());
            return Uni.createFrom().item(ScepAnswer.failure(FailInfo.badRequest));
        }
        switch (decoded.request().messageType()) {
            case PKCSReq:
                return enrollmentRequests.enroll(ca, decoded);
            case RenewalReq:
                return renewalRequests.renew(ca, decoded);
            case CertPoll:
                return poll(ca, decoded);
            case GetCert:
                return queries.certificate(ca, decoded.request());
            case GetCRL:
                return queries.crl(ca, decoded.request());
            default:
                Log.infof("SCEP message %s refused: %s is not supported", transactionId,
                        decoded.request().messageType());
                return Uni.createFrom().item(ScepAnswer.failure(FailInfo.badRequest));
        }
    }

    /** CertPoll: the transaction's state, for the key that sent it only (anyone else: no such transaction). */
    private Uni<ScepAnswer> poll(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        return enrollments.find(new TransactionKey(ca.authority().id(), transactionId)).chain(enrollment -> {
            if (enrollment == null) {
                Log.infof("SCEP CertPoll %s: no such transaction", transactionId);
                return Uni.createFrom().item(ScepAnswer.failure(FailInfo.badCertId));
            }
            return relay.answerAgain(ca, enrollment, decoded.requesterKey(), FailInfo.badCertId);
        });
    }
}
