package io.stratus.ca.mapping;

import io.stratus.ca.config.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The public URLs of a CA: its CRLs and certificates (AIA caIssuers), one per key generation, its OCSP responder, and,
 * for issuing CAs, its SCEP endpoint.
 */
@ApplicationScoped
public class PkiUrls {

    private final String publicBase;
    private final String scepBase;

    public PkiUrls(CaConfig config) {
        this.publicBase = withoutTrailingSlash(config.publicUrl());
        this.scepBase = withoutTrailingSlash(config.scepUrl());
    }

    public String crl(String tenant, String authorityId) {
        return base(tenant, authorityId) + "/crl";
    }

    /**
     * The CRL of one key generation of the CA: key generation 1 keeps {@link #crl(String, String)}, later key
     * generations (new keys from renewals) get {@code .../crl/<keyGeneration>}.
     */
    public String crl(String tenant, String authorityId, int keyGeneration) {
        return keyGeneration <= 1 ? crl(tenant, authorityId) : crl(tenant, authorityId) + "/" + keyGeneration;
    }

    /** The delta CRL of one key generation of the CA: its complete CRL's URL and {@code /delta}. */
    public String deltaCrl(String tenant, String authorityId, int keyGeneration) {
        return crl(tenant, authorityId, keyGeneration) + "/delta";
    }

    /**
     * The AIA caIssuers URL of one key generation of the CA, mirroring {@link #crl(String, String, int)}: key
     * generation 1 keeps {@code .../ca.cer}, a key introduced by renewal N gets {@code .../ca/<N>.cer}. Each serves
     * the newest certificate in use (or used before) that carries that key, so what a certificate's AIA names always
     * holds the key that signed it.
     */
    public String caIssuers(String tenant, String authorityId, int keyGeneration) {
        return keyGeneration <= 1 ? caIssuers(tenant, authorityId)
                : base(tenant, authorityId) + "/ca/" + keyGeneration + ".cer";
    }

    /** The AIA caIssuers URL of the CA's first key. */
    public String caIssuers(String tenant, String authorityId) {
        return base(tenant, authorityId) + "/ca.cer";
    }

    /** The CA's OCSP responder: one URL for all its keys (a request names the key by its hash). */
    public String ocsp(String tenant, String authorityId) {
        return base(tenant, authorityId) + "/ocsp";
    }

    public String scep(String tenant, String authorityId) {
        return scepBase + "/" + tenant + "/" + authorityId;
    }

    private String base(String tenant, String authorityId) {
        return publicBase + "/pki/" + tenant + "/" + authorityId;
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
