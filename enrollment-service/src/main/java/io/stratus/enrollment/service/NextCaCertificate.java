package io.stratus.enrollment.service;

/** The announced next certificate of a CA (RFC 8894 GetNextCACert), not yet in use. */
public record NextCaCertificate(int generation, String certificatePem, String chainPem) {
}
