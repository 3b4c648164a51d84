package io.stratus.events;

/** Lifecycle of a CA, as in Intune Cloud PKI. */
public enum AuthorityStatus {
    /** Waiting for an externally signed certificate (bring your own CA). */
    SIGNING_REQUIRED,
    ACTIVE,
    /** Issues nothing, still serves CRL and AIA. */
    PAUSED,
    REVOKED
}
