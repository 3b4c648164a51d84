package io.stratus.events;

import java.time.Instant;

/**
 * A CA got a new certificate in place (same CA id), with its old key or a new one.
 *
 * <p>{@link RenewalPhase#ANNOUNCED}: the next certificate exists but the current one still signs; SCEP
 * servers return it on GetNextCACert. {@link RenewalPhase#ACTIVE}: the new certificate (and key) now signs
 * everything the CA issues; the previous certificates stay valid for what they signed until they expire.
 * {@link RenewalPhase#CANCELLED}: an announced certificate was withdrawn before activation and is never used.
 *
 * @param generation 1 for the CA's first certificate, incremented by each renewal
 * @param newKey whether the renewal generated a new key pair
 * @param chainPem the new certificate followed by its issuers up to the root, PEM
 */
public record AuthorityRenewedEvent(String tenant, String authorityId, int generation, RenewalPhase phase,
        boolean newKey, String certificatePem, String chainPem, Instant notBefore, Instant notAfter)
        implements StratusEvent {
    @Override
    public String key() {
        return authorityId;
    }

    /** Whether the renewed certificate is only announced or already in use. */
    public enum RenewalPhase {
        ANNOUNCED,
        ACTIVE,
        CANCELLED
    }
}
