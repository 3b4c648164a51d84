package io.stratus.enrollment.service;

/**
 * The RA credential of an issuing CA as stored: the wrapped private key, the CSR sent to the CA and the
 * certificate (null until the CA issued it).
 */
public record StoredRaCredential(String authorityId, byte[] wrappedKey, byte[] csrDer, String certificatePem,
        String transactionId) {

    public boolean issued() {
        return certificatePem != null;
    }
}
