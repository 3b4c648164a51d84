package io.stratus.ca.rest;

/** Media types of certificates, CRLs and OCSP (RFC 2585, RFC 7468, RFC 6960). */
public final class PkiMediaTypes {

    public static final String PKIX_CERT = "application/pkix-cert";
    public static final String PKIX_CRL = "application/pkix-crl";
    public static final String PEM = "application/x-pem-file";
    public static final String PKCS10 = "application/pkcs10";
    /** Certs-only PKCS#7 (RFC 2797 / RFC 5751 .p7c; served with the .p7b name Windows expects). */
    public static final String PKCS7_CERTIFICATES = "application/pkcs7-mime";
    /** OCSP (RFC 6960 appendix C). */
    public static final String OCSP_REQUEST = "application/ocsp-request";
    public static final String OCSP_RESPONSE = "application/ocsp-response";

    private PkiMediaTypes() {
    }
}
