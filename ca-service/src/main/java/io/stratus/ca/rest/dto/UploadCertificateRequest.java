package io.stratus.ca.rest.dto;

import io.stratus.platform.rest.ProblemException;

/**
 * The externally signed certificate of a CA and its issuers' chain. Each is PEM text or base64: the certificate as
 * DER, the chain as DER (one certificate) or a PKCS#7 .p7b. Used for the first upload and for a renewal's.
 */
public record UploadCertificateRequest(String certificate, String chain) {

    /** The body, or a 400 problem when there is none. */
    public static UploadCertificateRequest required(UploadCertificateRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body with certificate and chain is required");
        }
        return body;
    }
}
