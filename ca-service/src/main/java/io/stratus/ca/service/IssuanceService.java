package io.stratus.ca.service;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.messaging.CertificateEventPublisher;
import io.stratus.ca.repository.SqlAuditLog;
import io.stratus.ca.repository.SqlIssuanceStore;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.crypto.CryptoException;
import io.stratus.crypto.RenewalWindow;
import io.stratus.crypto.Serials;
import io.stratus.crypto.Thumbprints;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.RequestPurpose;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers certificate requests: at most one certificate per transaction id (a repeated request gets the stored
 * certificate again), otherwise check the CA, sign off the event loop, store, and publish the outcome. The returned
 * Uni completes only after the outcome was acknowledged by Kafka, so the request is acknowledged after that. Runs
 * once per enrollment, so its database work is prepared statements of the PostgreSQL client, not Hibernate.
 */
@ApplicationScoped
public class IssuanceService {

    static final String TRANSACTION_CONSTRAINT = "issued_certificate_transaction_uq";
    static final String ONE_RA_PER_CA_KEY_CONSTRAINT = "issued_certificate_one_ra_per_ca_key_uq";
    static final int RETRIES = 4;
    static final int MAX_TENANT_LENGTH = 64;
    static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    static final Duration RETRY_BACKOFF_MAX = Duration.ofSeconds(5);

    private final SqlIssuanceStore store;
    private final LeafIssuer issuer;
    private final CertificateEventPublisher publisher;
    private final IssuanceMetrics metrics;
    private final SqlAuditLog audit;
    private final Pool pool;
    private final Vertx vertx;
    private final RenewedCertificates renewed;
    private final UnassignmentRevocation unassignments;

    public IssuanceService(SqlIssuanceStore store, LeafIssuer issuer, CertificateEventPublisher publisher,
            IssuanceMetrics metrics, SqlAuditLog audit, Pool pool, Vertx vertx, RenewedCertificates renewed,
            UnassignmentRevocation unassignments) {
        this.store = store;
        this.issuer = issuer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.audit = audit;
        this.pool = pool;
        this.vertx = vertx;
        this.renewed = renewed;
        this.unassignments = unassignments;
    }

    /**
     * Answers one request. Unexpected failures (database or Kafka unavailable) are retried a few times, which is
     * safe because a stored certificate is answered again; after that the failure goes back to the caller.
     */
    public Uni<Void> handle(CertificateRequestedEvent request) {
        return Uni.createFrom().deferred(() -> answer(request))
                .onFailure().invoke(failure -> Log.warnf("answering transaction %s failed, retrying: %s",
                        request.transactionId(), failure.toString()))
                .onFailure().retry().withBackOff(RETRY_BACKOFF, RETRY_BACKOFF_MAX).atMost(RETRIES);
    }

    private Uni<Void> answer(CertificateRequestedEvent request) {
        return store.findByTransaction(request.authorityId(), request.transactionId())
                .chain(existing -> existing != null ? answerAgain(request, existing)
                        : findAuthority(request).chain(authority -> issue(request, authority)))
                .onFailure(IssuanceRejection.class).recoverWithUni(failure -> reject(request, (IssuanceRejection) failure));
    }

    private Uni<Void> answerAgain(CertificateRequestedEvent request, IssuedCertificateEntity existing) {
        if (!existing.tenant.equals(request.tenant())) {
            return Uni.createFrom().failure(IssuanceRejection.policy(
                    "transaction id " + request.transactionId() + " was already used"));
        }
        Log.infof("transaction %s was already answered with serial %s; publishing that certificate again",
                request.transactionId(), existing.serialHex);
        return publisher.issued(existing).chain(() -> afterStored(request, existing));
    }

    private Uni<Void> issue(CertificateRequestedEvent request, AuthorityEntity found) {
        return Uni.createFrom().item(() -> usable(request, found))
                .chain(authority -> vertx.executeBlocking(Uni.createFrom().item(() -> issuer.issue(request, authority)))
                        .chain(certificate -> store(request, authority, certificate)))
                .chain(stored -> publisher.issued(stored).invoke(() -> {
                    metrics.issued(stored.authorityId, stored.purpose);
                    Log.infof("issued %s certificate %s by CA %s for transaction %s (device %s)", stored.purpose,
                            stored.serialHex, stored.authorityId, stored.transactionId, stored.deviceId);
                }).chain(() -> afterStored(request, stored)));
    }

    /** What a stored certificate changes besides itself; idempotent, so a request answered again repeats it. */
    private Uni<Void> afterStored(CertificateRequestedEvent request, IssuedCertificateEntity stored) {
        return renewed.replacedBy(request, stored).chain(() -> unassignments.revokeIfAssignmentEnded(request, stored));
    }

    private Uni<AuthorityEntity> findAuthority(CertificateRequestedEvent request) {
        if (request.authorityId() == null || request.authorityId().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return store.findSigningAuthority(request.authorityId());
    }

    private static AuthorityEntity usable(CertificateRequestedEvent request, AuthorityEntity authority) {
        if (authority == null || !authority.tenant.equals(request.tenant()) || authority.deletedAt != null) {
            throw new IssuanceRejection(IssuanceRejection.UNKNOWN_AUTHORITY,
                    "CA " + request.authorityId() + " does not exist in tenant " + request.tenant());
        }
        if (authority.status != AuthorityStatus.ACTIVE) {
            throw new IssuanceRejection(IssuanceRejection.AUTHORITY_NOT_ACTIVE,
                    "CA " + authority.id + " is " + authority.status);
        }
        if (!authority.isIssuing()) {
            throw new IssuanceRejection(IssuanceRejection.AUTHORITY_NOT_ACTIVE,
                    "CA " + authority.id + " is a root CA; only issuing CAs sign certificates");
        }
        return authority;
    }

    /** Stores the certificate; if a concurrent request with the same transaction id won, answers with its row. */
    private Uni<IssuedCertificateEntity> store(CertificateRequestedEvent request, AuthorityEntity authority,
            X509Certificate certificate) {
        IssuedCertificateEntity row = toEntity(request, authority, certificate);
        String[] sanValues = SanSearch.values(row.certificateDer);
        return store.storeIssued(row, sanValues, current -> stillActive(authority.id, current)).replaceWith(row)
                .onFailure(failure -> violates(failure, TRANSACTION_CONSTRAINT)
                        || violates(failure, ONE_RA_PER_CA_KEY_CONSTRAINT))
                .recoverWithUni(conflict -> store.findByTransaction(request.authorityId(), request.transactionId()).map(stored -> {
                    if (stored == null) {
                        // not this transaction stored concurrently: another RA key holds the CA key's RA slot
                        throw IssuanceRejection.policy("CA " + authority.id + " already has an RA certificate under"
                                + " its current key; revoke it before another RA key can be certified");
                    }
                    Log.infof("transaction %s was stored concurrently; answering with the stored certificate",
                            request.transactionId());
                    return stored;
                }));
    }

    /** A pause or revocation that committed while this certificate was being signed wins: nothing is stored. */
    private static void stillActive(String authorityId, AuthorityEntity current) {
        if (current == null || current.status != AuthorityStatus.ACTIVE || current.deletedAt != null) {
            throw new IssuanceRejection(IssuanceRejection.AUTHORITY_NOT_ACTIVE,
                    "CA " + authorityId + " is " + (current == null ? "gone" : current.status));
        }
    }

    private static IssuedCertificateEntity toEntity(CertificateRequestedEvent request, AuthorityEntity authority,
            X509Certificate certificate) {
        IssuedCertificateEntity row = new IssuedCertificateEntity();
        row.id = UUID.randomUUID().toString();
        row.tenant = authority.tenant;
        row.authorityId = authority.id;
        row.serialHex = Serials.hex(certificate.getSerialNumber());
        row.keyGeneration = authority.keyGeneration;
        row.transactionId = request.transactionId();
        row.deviceId = request.deviceId();
        row.assignmentId = request.assignmentId();
        row.profileId = request.profileId();
        row.purpose = request.purpose();
        row.subjectDn = SubjectNames.toString(certificate.getSubjectX500Principal());
        row.notBefore = certificate.getNotBefore().toInstant();
        row.notAfter = certificate.getNotAfter().toInstant();
        try {
            row.certificateDer = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CryptoException("cannot encode the signed certificate", e);
        }
        row.status = CertificateStatus.ISSUED;
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.requestedAt = request.requestedAt() == null ? null : request.requestedAt().truncatedTo(ChronoUnit.MICROS);
        row.assignedAt = request.assignedAt() == null ? null : request.assignedAt().truncatedTo(ChronoUnit.MICROS);
        row.renewalDueAt = renewalDueAt(request, certificate);
        row.sha1 = Thumbprints.sha1(row.certificateDer);
        row.sha256 = Thumbprints.sha256(row.certificateDer);
        return row;
    }

    /** When a device certificate's renewal window opens, for CertificateDeadlines to announce; null: never. */
    private static Instant renewalDueAt(CertificateRequestedEvent request, X509Certificate certificate) {
        if (request.purpose() != RequestPurpose.DEVICE || request.policy() == null) {
            return null;
        }
        Integer threshold = request.policy().renewalThresholdPercent();
        if (threshold == null || threshold <= 0) {
            return null;
        }
        return RenewalWindow.opensAt(certificate, threshold).truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<Void> reject(CertificateRequestedEvent request, IssuanceRejection rejection) {
        metrics.rejected(rejection.reason());
        Log.infof("rejected transaction %s for CA %s: %s (%s)", request.transactionId(), request.authorityId(),
                rejection.reason(), rejection.detail());
        return auditRejection(request, rejection)
                .chain(() -> publisher.rejected(request, rejection.reason(), rejection.detail()));
    }

    /** Records the refusal in the tenant's audit log; a tenant name that cannot be stored is only logged. */
    private Uni<Void> auditRejection(CertificateRequestedEvent request, IssuanceRejection rejection) {
        if (request.tenant().length() > MAX_TENANT_LENGTH) {
            return Uni.createFrom().voidItem();
        }
        String target = "transaction:" + shorten(request.transactionId());
        return pool.withTransaction(transaction -> audit.append(transaction, request.tenant(), AuditLog.SYSTEM,
                "CERTIFICATE_REJECTED", target, "REJECTED: " + rejection.reason()))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("cannot audit the rejection of transaction %s: %s", request.transactionId(),
                            failure.toString());
                    return null;
                });
    }

    private static String shorten(String value) {
        return value.length() > 250 ? value.substring(0, 250) : value;
    }

    static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
