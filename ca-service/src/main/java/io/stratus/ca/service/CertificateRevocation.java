package io.stratus.ca.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.mapping.RevocationReasons;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityCrlRepository;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.IssuedCertificateRepository;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.ca.service.ocsp.OcspService;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Revokes a leaf certificate: the status change, the CertificateRevoked event, the audit record and the CA's
 * "CRL stale" mark commit together; then the CA's CRL is signed again (CrlPublished) and the OCSP answers this replica
 * keeps for the CA are dropped.
 */
@ApplicationScoped
public class CertificateRevocation {

    private final CertificateLookup lookup;
    private final AuthorityRepository authorities;
    private final IssuedCertificateRepository certificates;
    private final CrlPublisher crls;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final AuthorityCrlRepository crlRows;
    private final OcspService ocsp;

    public CertificateRevocation(CertificateLookup lookup, AuthorityRepository authorities,
            IssuedCertificateRepository certificates, CrlPublisher crls, EventOutbox outbox, OutboxRelay relay,
            AuditLog audit, AuthorityCrlRepository crlRows, OcspService ocsp) {
        this.crlRows = crlRows;
        this.ocsp = ocsp;
        this.lookup = lookup;
        this.authorities = authorities;
        this.certificates = certificates;
        this.crls = crls;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
    }

    public Uni<IssuedCertificateEntity> revoke(String tenant, String serial, String authorityId, String reason,
            String actor) {
        String checkedReason = reason(reason);
        return Panache.withSession(() -> lookup.find(tenant, serial, authorityId))
                .chain(found -> Panache.withTransaction(() -> authorities.lockInTenant(tenant, found.authorityId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound(
                                "the CA of certificate " + found.serialHex + " was deleted"))
                        // locked after the CA (the order issuance uses too) and read afresh in this transaction
                        .chain(ca -> certificates.findById(found.id, LockModeType.PESSIMISTIC_WRITE)
                                .call(certificate -> markCrlStale(ca, certificate.keyGeneration)))
                        .invoke(certificate -> markRevoked(certificate, checkedReason,
                                Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                        .call(certificate -> outbox.append(CloudEvent.of(EventOutbox.SOURCE, revokedEvent(certificate))))
                        .call(certificate -> audit.append(tenant, actor, "CERTIFICATE_REVOKED",
                                "certificate:" + certificate.authorityId + "/" + certificate.serialHex,
                                AuditLog.SUCCESS + " (" + checkedReason + ")"))))
                .invoke(certificate -> {
                    Log.infof("revoked certificate %s of CA %s (%s)", certificate.serialHex, certificate.authorityId,
                            checkedReason);
                    relay.trigger();
                    ocsp.forget(certificate.authorityId);
                    // the CRL of the key that signed the certificate is stale: signed by the publisher, coalesced
                    // with other revocations, or by the next download, whichever comes first
                    crls.publishDue();
                });
    }

    /**
     * Whether a failed {@link #revoke} leaves nothing to do for a caller that revokes on its own behalf (renewal,
     * unassignment): the certificate was revoked meanwhile (409) or is not one of this CA (404).
     */
    public static boolean nothingToRevoke(Throwable failure) {
        if (!(failure instanceof ProblemException)) {
            return false;
        }
        int status = ((ProblemException) failure).problem().status();
        return status == 409 || status == 404;
    }

    /** Marks the CRL of the CA key that signed a certificate being revoked stale (the CA row is locked). */
    Uni<Void> markCrlStale(AuthorityEntity ca, int keyGeneration) {
        if (keyGeneration <= 1) {
            ca.crlStale = true;
            return Uni.createFrom().voidItem();
        }
        return crlRows.markStale(ca.id, keyGeneration);
    }

    static CertificateRevokedEvent revokedEvent(IssuedCertificateEntity c) {
        return new CertificateRevokedEvent(c.tenant, c.authorityId, c.serialHex, c.deviceId, c.revocationReason,
                c.revokedAt);
    }

    static void markRevoked(IssuedCertificateEntity certificate, String reason, Instant at) {
        if (certificate.status == CertificateStatus.REVOKED) {
            throw ProblemException.conflict("certificate " + certificate.serialHex + " was already revoked at "
                    + certificate.revokedAt + " (" + certificate.revocationReason + ")");
        }
        certificate.status = CertificateStatus.REVOKED;
        certificate.revokedAt = at.truncatedTo(ChronoUnit.SECONDS);
        certificate.revocationReason = reason;
    }

    /** The canonical RFC 5280 reason name; 400 for an unknown one and for removeFromCRL. */
    static String reason(String reason) {
        try {
            return RevocationReasons.forRevocation(reason);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("reason: " + e.getMessage());
        }
    }
}
