package io.stratus.ca.service;

import java.time.Instant;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.repository.SqlIssuanceStore;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a renewal does to the certificate it renews, once its successor is stored: marks it superseded by the
 * successor, and revokes it (reason superseded: audited, CertificateRevoked, CRL) when the request's policy says so.
 * Both are idempotent, so a redelivered request, answered again with the stored successor, changes nothing.
 */
@ApplicationScoped
public class RenewedCertificates {

    /** Who the audit log names as the revoking party. */
    static final String ACTOR = "enrollment-service (certificate renewed)";

    private final SqlIssuanceStore store;
    private final CertificateRevocation revocation;

    public RenewedCertificates(SqlIssuanceStore store, CertificateRevocation revocation) {
        this.store = store;
        this.revocation = revocation;
    }

    public Uni<Void> replacedBy(CertificateRequestedEvent request, IssuedCertificateEntity successor) {
        String renewed = request.renews();
        if (renewed == null || request.purpose() != RequestPurpose.DEVICE || renewed.equals(successor.serialHex)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> marked = store.markSuperseded(successor.tenant, successor.authorityId, successor.deviceId,
                renewed, successor.serialHex, Instant.now());
        return marked.chain(first -> {
            if (first) {
                Log.infof("certificate %s of CA %s superseded by its renewal %s", renewed, successor.authorityId,
                        successor.serialHex);
            }
            if (request.policy() == null || !request.policy().revokeRenewedCertificate()) {
                return Uni.createFrom().voidItem();
            }
            return revocation.revoke(successor.tenant, renewed, successor.authorityId, RevocationReasons.SUPERSEDED,
                    ACTOR).replaceWithVoid()
                    .onFailure(CertificateRevocation::nothingToRevoke).recoverWithNull();
        });
    }
}
