package io.stratus.enrollment.service;

/**
 * The RA credential of an issuing CA as stored: the wrapped private key, the CSR sent to the CA and the
 * certificate (null until the CA issued it); during a CA key rollover also the next RA key waiting for its
 * certificate under the CA's new key.
 */
public record StoredRaCredential(String authorityId, byte[] wrappedKey, byte[] csrDer, String certificatePem,
        String transactionId, NextRaKey next) {

    /** A replacement RA key pair whose certificate was requested with {@code transactionId}. */
    public record NextRaKey(byte[] wrappedKey, byte[] csrDer, String transactionId) {
    }

    public StoredRaCredential(String authorityId, byte[] wrappedKey, byte[] csrDer, String certificatePem,
            String transactionId) {
        this(authorityId, wrappedKey, csrDer, certificatePem, transactionId, null);
    }

    public boolean issued() {
        return certificatePem != null;
    }
}
