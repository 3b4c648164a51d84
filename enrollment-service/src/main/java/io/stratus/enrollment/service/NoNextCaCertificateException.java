package io.stratus.enrollment.service;

/** GetNextCACert for a CA without an announced renewal. */
public class NoNextCaCertificateException extends RuntimeException {

    public NoNextCaCertificateException(String authorityId) {
        super("CA " + authorityId + " has no announced next CA certificate");
    }
}
