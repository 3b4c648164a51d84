package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the RA credentials of the issuing CAs are kept. */
public interface RaCredentialStore {

    /** The credential of a CA, or null. */
    Uni<StoredRaCredential> find(String authorityId);

    /**
     * Claims a new request of the pending RA certificate of {@code transactionId} (the credential's, not yet
     * issued, or its replacement key's) last requested before {@code requestedBefore}: sets its request time
     * to {@code now}. True when claimed; concurrent callers get it at most once.
     */
    Uni<Boolean> claimRelay(String authorityId, String transactionId, java.time.Instant requestedBefore,
            java.time.Instant now);

    /** Stores a new credential unless the CA has one already; true when this one was stored. */
    Uni<Boolean> createIfAbsent(StoredRaCredential credential);

    /** Records the issued RA certificate; false when the CA has no credential or the transaction differs. */
    Uni<Boolean> storeCertificate(String authorityId, String transactionId, String certificatePem);

    /**
     * Keeps a replacement RA key beside the current credential (replacing an older replacement); false when
     * the CA has no credential or already uses or waits for that transaction.
     */
    Uni<Boolean> storeNextKey(String authorityId, StoredRaCredential.NextRaKey next);

    /**
     * The replacement key's certificate arrived: it becomes the credential. False when no replacement waits
     * for that transaction.
     */
    Uni<Boolean> promoteNextKey(String authorityId, String transactionId, String certificatePem);
}
