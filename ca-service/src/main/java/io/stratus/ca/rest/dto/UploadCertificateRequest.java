package io.stratus.ca.rest.dto;

/**
 * The externally signed certificate of a CA and its issuers' chain. Each is PEM text or base64: the certificate as
 * DER, the chain as DER (one certificate) or a PKCS#7 .p7b.
 */
public record UploadCertificateRequest(String certificate, String chain) {
}
