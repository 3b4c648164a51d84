package io.stratus.ca.rest;

/** Media types of certificates and CRLs (RFC 2585, RFC 7468). */
public final class PkiMediaTypes {

    public static final String PKIX_CERT = "application/pkix-cert";
    public static final String PKIX_CRL = "application/pkix-crl";
    public static final String PEM = "application/x-pem-file";

    private PkiMediaTypes() {
    }
}
