package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the SCEP transactions are kept. */
public interface EnrollmentStore {

    /** Outcome of {@link #open}. */
    enum OpenResult {
        /** The challenge is now used and the transaction recorded as PENDING. */
        OPENED,
        /** The challenge was used (or voided) meanwhile; nothing changed. */
        CHALLENGE_UNAVAILABLE,
        /** A transaction with this id exists already; nothing changed. */
        DUPLICATE_TRANSACTION,
        /** The certificate a renewal renews is renewed by another transaction already; nothing changed. */
        RENEWED_ALREADY
    }

    /** The transaction, or null. */
    Uni<Enrollment> find(TransactionKey key);

    /**
     * In one database transaction: marks the challenge used (only if it is still unused and not voided)
     * and records the PENDING transaction with the key to certify (DER SubjectPublicKeyInfo, to relay it again; never
     * the CSR, which carries the challenge password) and the relay time {@code now}.
     * A renewal claims its certificate instead (one renewal per certificate, freed again if the CA refuses it).
     * A static-challenge transaction is only recorded.
     */
    Uni<OpenResult> open(Enrollment pending, byte[] publicKeyDer);

    /**
     * Claims a new relay of a PENDING transaction last relayed before {@code relayedBefore}: sets its relay
     * time to {@code now} and returns the key to certify (DER SubjectPublicKeyInfo). Null when the transaction is not
     * PENDING, was relayed since, or kept no key (rows from before V4); concurrent callers get it at most once.
     */
    Uni<byte[]> claimRelay(TransactionKey key, java.time.Instant relayedBefore, java.time.Instant now);

    /** A certificate the CA issued for a transaction, as it is recorded when handed out. */
    record HandedOut(String serialNumber, String subjectDn, byte[] der, java.time.Instant notAfter) {
    }

    /**
     * Records the CA's refusal of a PENDING transaction of that tenant; returns the transaction as stored
     * afterwards (unchanged when it had been completed already), or null when the tenant has no such transaction.
     */
    Uni<Enrollment> complete(String tenant, TransactionKey key, EnrollmentStatus status, String rejectReason);

    /**
     * In one database transaction: records the certificate as handed out (a device holding it can renew with it)
     * and completes the PENDING transaction of that tenant as ISSUED; returns it as {@link #complete} does.
     */
    Uni<Enrollment> completeIssued(String tenant, TransactionKey key, HandedOut certificate);

    /**
     * A PENDING transaction whose relay failed: it stays PENDING with its challenge used, and the next question about
     * it (CertPoll, a repeated request) relays it again at once. The failed publish may still have reached the CA,
     * which answers a repeated transaction id with the same certificate.
     */
    Uni<Void> relayFailed(TransactionKey key);
}
