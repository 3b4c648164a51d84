package io.stratus.ca.rest;

/** Media types of certificates and CRLs (RFC 2585, RFC 7468). */
public final class PkiMediaTypes {

    public static final String PKIX_CERT = "application/pkix-cert";
    public static final String PKIX_CRL = "application/pkix-crl";
    public static final String PEM = "application/x-pem-file";
    public static final String PKCS10 = "application/pkcs10";
    /** Certs-only PKCS#7 (RFC 2797 / RFC 5751 .p7c; served with the .p7b name Windows expects). */
    public static final String PKCS7_CERTIFICATES = "application/pkcs7-mime";

    private PkiMediaTypes() {
    }
}
