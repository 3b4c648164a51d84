package io.stratus.ca.mapping;

import io.stratus.ca.config.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The public URLs of a CA: its CRL, its certificate (AIA caIssuers) and, for issuing CAs, its SCEP endpoint. */
@ApplicationScoped
public class PkiUrls {

    private final String publicBase;
    private final String scepBase;

    public PkiUrls(CaConfig config) {
        this.publicBase = withoutTrailingSlash(config.publicUrl());
        this.scepBase = withoutTrailingSlash(config.scepUrl());
    }

    public String crl(String tenant, String authorityId) {
        return publicBase + "/pki/" + tenant + "/" + authorityId + "/crl";
    }

    public String caIssuers(String tenant, String authorityId) {
        return publicBase + "/pki/" + tenant + "/" + authorityId + "/ca.cer";
    }

    public String scep(String tenant, String authorityId) {
        return scepBase + "/" + tenant + "/" + authorityId;
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
