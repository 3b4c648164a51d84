package io.stratus.ca.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.repository.EndedAssignments;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A device's assignment that ended with revocation (its profile revokes on unassignment) revokes the device
 * certificates this CA service issued for it (reason cessationOfOperation), each as a single revocation (audited,
 * CertificateRevoked, CRL). That includes a certificate signed after the end for a request accepted before it: the
 * end is recorded before the certificates are looked up, and a certificate is checked against the record after it
 * was stored, so one of the two sees the other. Certificates whose assignment was announced after the end (the
 * device was assigned again before a late event was handled) are left alone. A certificate revoked meanwhile is skipped, so a redelivered event
 * changes nothing.
 */
@ApplicationScoped
public class UnassignmentRevocation {

    /** Who the audit log names as the revoking party. */
    static final String ACTOR = "profile-service (profile unassigned)";

    private final IssuedCertificateRepository certificates;
    private final EndedAssignments ended;
    private final CertificateRevocation revocation;

    public UnassignmentRevocation(IssuedCertificateRepository certificates, EndedAssignments ended,
            CertificateRevocation revocation) {
        this.certificates = certificates;
        this.ended = ended;
        this.revocation = revocation;
    }

    /**
     * Revokes what the event asks for; {@code endedAt} is when profile-service ended the assignment (the event's
     * time). Completes with how many certificates it revoked.
     */
    public Uni<Integer> unassigned(ProfileUnassignedEvent event, Instant endedAt) {
        if (!event.revokeCertificates() || event.tenant() == null || event.assignmentId() == null
                || event.deviceId() == null) {
            return Uni.createFrom().item(0);
        }
        // a failure (database, CRL) is retried from the start: what was revoked is skipped the next time
        return Uni.createFrom().deferred(() -> ended.end(event.tenant(), event.assignmentId(), event.deviceId(), endedAt)
                .chain(() -> Panache.withSession(() -> certificates.unrevokedForAssignment(event.tenant(),
                        event.assignmentId(), event.deviceId(), endedAt)))
                .chain(this::revokeEach))
                .onFailure().invoke(failure -> Log.warnf("revoking for the end of assignment %s of device %s failed,"
                        + " retrying: %s", event.assignmentId(), event.deviceId(), failure.toString()))
                .onFailure().retry().withBackOff(IssuanceService.RETRY_BACKOFF, IssuanceService.RETRY_BACKOFF_MAX)
                .atMost(IssuanceService.RETRIES)
                .invoke(count -> Log.infof("assignment %s of device %s ended: %d certificate(s) revoked",
                        event.assignmentId(), event.deviceId(), count));
    }

    /**
     * Called once a device certificate is stored: revokes it when its assignment ended with revocation at or after
     * the time that assignment was announced (the request relied on an assignment that has ended: it was on its way,
     * or enrollment-service accepted it before it heard of the end). A request that does not say when its
     * assignment was announced is compared by the time it was accepted.
     */
    public Uni<Void> revokeIfAssignmentEnded(CertificateRequestedEvent request, IssuedCertificateEntity stored) {
        Instant reliesOn = request.assignedAt() != null ? request.assignedAt() : request.requestedAt();
        if (reliesOn == null || stored.purpose != RequestPurpose.DEVICE || stored.assignmentId == null
                || stored.deviceId == null) {
            return Uni.createFrom().voidItem();
        }
        return ended.endedAt(stored.tenant, stored.assignmentId, stored.deviceId).chain(endedAt -> {
            if (endedAt == null || endedAt.isBefore(reliesOn)) {
                return Uni.createFrom().voidItem();
            }
            Log.infof("certificate %s relied on assignment %s of device %s, which has ended; revoking it",
                    stored.serialHex, stored.assignmentId, stored.deviceId);
            return revokeEach(List.of(stored)).replaceWithVoid();
        });
    }

    /**
     * Revokes each certificate in turn; one that fails does not stop the others. Completes with how many it revoked,
     * or fails with the first failure once every certificate was tried.
     */
    private Uni<Integer> revokeEach(List<IssuedCertificateEntity> found) {
        List<Throwable> failures = new ArrayList<>();
        Uni<Integer> revoked = Uni.createFrom().item(0);
        for (IssuedCertificateEntity certificate : found) {
            revoked = revoked.chain(count -> revocation.revoke(certificate.tenant, certificate.serialHex,
                    certificate.authorityId, RevocationReasons.CESSATION_OF_OPERATION, ACTOR)
                    .replaceWith(count + 1)
                    .onFailure(CertificateRevocation::nothingToRevoke).recoverWithItem(count)
                    .onFailure().recoverWithItem(failure -> {
                        failures.add(failure);
                        return count;
                    }));
        }
        return revoked.chain(count -> failures.isEmpty() ? Uni.createFrom().item(count)
                : Uni.createFrom().failure(failures.get(0)));
    }
}
