package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.RequestPurpose;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The CA's answers: RA certificates are stored for their CA, device outcomes complete their transaction
 * (an issued certificate is also recorded as handed out), revocations mark handed-out certificates.
 */
@ApplicationScoped
public class CertificateOutcomes {

    private final RaCredentialStore raCredentials;
    private final ScepAuthorities scepAuthorities;
    private final EnrollmentStore enrollments;
    private final IssuanceWaiters waiters;
    private final IssuedCertificateStore issuedCertificates;

    public CertificateOutcomes(RaCredentialStore raCredentials, ScepAuthorities scepAuthorities,
            EnrollmentStore enrollments, IssuanceWaiters waiters, IssuedCertificateStore issuedCertificates) {
        this.issuedCertificates = issuedCertificates;
        this.raCredentials = raCredentials;
        this.scepAuthorities = scepAuthorities;
        this.enrollments = enrollments;
        this.waiters = waiters;
    }

    public Uni<Void> issued(CertificateIssuedEvent event) {
        byte[] der;
        X509Certificate certificate;
        try {
            der = Base64.getDecoder().decode(event.certificate());
            certificate = Pem.certificate(der);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "CertificateIssued " + event.transactionId() + " carries no DER certificate"));
        }
        if (event.purpose() == RequestPurpose.RA) {
            return raIssued(event, certificate);
        }
        // the certificate is recorded as handed out and its transaction completed in one database transaction; the
        // waiting request is answered after the commit
        EnrollmentStore.HandedOut handedOut = new EnrollmentStore.HandedOut(Serials.hex(certificate.getSerialNumber()),
                SubjectNames.toString(certificate.getSubjectX500Principal()), der,
                certificate.getNotAfter().toInstant());
        return enrollments.completeIssued(event.tenant(), new TransactionKey(event.authorityId(), event.transactionId()),
                handedOut)
                .invoke(stored -> answerWaiter(stored, event.transactionId())).replaceWithVoid();
    }

    /** A certificate was revoked: it no longer authorises a RenewalReq. */
    public Uni<Void> revoked(CertificateRevokedEvent event) {
        String serial = SerialNumbers.normalize(event.serialNumber());
        if (event.authorityId() == null || serial == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "CertificateRevoked lacks the CA id or a hex serial number"));
        }
        Instant at = event.revokedAt() == null ? Instant.now() : event.revokedAt();
        return issuedCertificates.revoke(event.authorityId(), serial, at, event.reason())
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("certificate %s of CA %s revoked (%s); it can no longer renew", serial,
                                event.authorityId(), event.reason());
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> rejected(CertificateRejectedEvent event) {
        if (event.purpose() == RequestPurpose.RA) {
            Log.errorf("the CA %s refused the RA certificate (%s: %s); SCEP stays unavailable for it",
                    event.authorityId(), event.reason(), event.detail());
            return Uni.createFrom().voidItem();
        }
        return enrollments.complete(event.tenant(), new TransactionKey(event.authorityId(), event.transactionId()),
                EnrollmentStatus.REJECTED,
                event.reason() == null ? "REJECTED" : event.reason())
                .invoke(stored -> answerWaiter(stored, event.transactionId())).replaceWithVoid();
    }

    private Uni<Void> raIssued(CertificateIssuedEvent event, X509Certificate certificate) {
        return raCredentials.find(event.authorityId()).chain(credential -> {
            if (credential == null) {
                Log.warnf("RA certificate for CA %s without an RA credential ignored", event.authorityId());
                return Uni.createFrom().voidItem();
            }
            boolean replacement = credential.next() != null
                    && credential.next().transactionId().equals(event.transactionId());
            if (!replacement && !credential.transactionId().equals(event.transactionId())) {
                Log.warnf("RA certificate for unknown request %s of CA %s ignored", event.transactionId(),
                        event.authorityId());
                return Uni.createFrom().voidItem();
            }
            byte[] csrDer = replacement ? credential.next().csrDer() : credential.csrDer();
            byte[] requestedKey = Csrs.parse(csrDer).publicKey().getEncoded();
            if (!Arrays.equals(requestedKey, certificate.getPublicKey().getEncoded())) {
                Log.errorf("RA certificate for CA %s does not certify the RA key; ignored", event.authorityId());
                return Uni.createFrom().voidItem();
            }
            String pem = Pem.encode(certificate);
            Uni<Boolean> stored = replacement
                    ? raCredentials.promoteNextKey(event.authorityId(), event.transactionId(), pem)
                    : raCredentials.storeCertificate(event.authorityId(), event.transactionId(), pem);
            return stored.invoke(done -> {
                scepAuthorities.forget(event.authorityId());
                if (done) {
                    Log.infof(replacement ? "new RA certificate (after a CA key change) in use for CA %s"
                            : "RA certificate stored for CA %s; SCEP is available", event.authorityId());
                }
            }).replaceWithVoid();
        });
    }

    private void answerWaiter(Enrollment stored, String transactionId) {
        if (stored == null) {
            Log.debugf("outcome of unknown transaction %s ignored", transactionId);
            return;
        }
        waiters.complete(stored);
    }
}
