package io.stratus.ca.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * ProfileUnassigned of a profile that revokes on unassignment: revokes the device certificates this CA service issued
 * for that assignment (reason cessationOfOperation), each as a single revocation (audited, CertificateRevoked, CRL).
 * A certificate revoked meanwhile is skipped, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class UnassignmentRevocation {

    /** Who the audit log names as the revoking party. */
    static final String ACTOR = "profile-service (profile unassigned)";

    private final IssuedCertificateRepository certificates;
    private final CertificateRevocation revocation;

    public UnassignmentRevocation(IssuedCertificateRepository certificates, CertificateRevocation revocation) {
        this.certificates = certificates;
        this.revocation = revocation;
    }

    /** Revokes what the event asks for; completes with how many certificates it revoked. */
    public Uni<Integer> unassigned(ProfileUnassignedEvent event) {
        if (!event.revokeCertificates() || event.tenant() == null || event.assignmentId() == null) {
            return Uni.createFrom().item(0);
        }
        return Panache.withSession(() -> certificates.unrevokedForAssignment(event.tenant(), event.assignmentId()))
                .chain(found -> {
                    Uni<Integer> revoked = Uni.createFrom().item(0);
                    for (var certificate : found) {
                        revoked = revoked.chain(count -> revocation.revoke(event.tenant(), certificate.serialHex,
                                certificate.authorityId, RevocationReasons.CESSATION_OF_OPERATION, ACTOR)
                                .replaceWith(count + 1)
                                .onFailure(UnassignmentRevocation::alreadyRevoked).recoverWithItem(count));
                    }
                    return revoked;
                })
                .invoke(count -> Log.infof("assignment %s of device %s ended: %d certificate(s) revoked",
                        event.assignmentId(), event.deviceId(), count));
    }

    private static boolean alreadyRevoked(Throwable failure) {
        return failure instanceof ProblemException && ((ProblemException) failure).problem().status() == 409;
    }
}
