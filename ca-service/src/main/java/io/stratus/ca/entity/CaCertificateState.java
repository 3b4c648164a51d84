package io.stratus.ca.entity;

/**
 * Where a CA certificate generation stands: announced but not used yet, in use, superseded, or an announced one
 * that was withdrawn before use (kept so the history stays complete).
 */
public enum CaCertificateState {
    NEXT,
    CURRENT,
    PREVIOUS,
    CANCELLED
}
