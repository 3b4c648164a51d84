package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Where the RA credentials of the issuing CAs are kept. */
public interface RaCredentialStore {

    /** The credential of a CA, or null. */
    Uni<StoredRaCredential> find(String authorityId);

    /** Stores a new credential unless the CA has one already; true when this one was stored. */
    Uni<Boolean> createIfAbsent(StoredRaCredential credential);

    /** Records the issued RA certificate; false when the CA has no credential or the transaction differs. */
    Uni<Boolean> storeCertificate(String authorityId, String transactionId, String certificatePem);
}
