package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** GetCACert: the issuing CA certificate and its RA certificate in a certs-only PKCS#7. */
@ApplicationScoped
public class CaCertificates {

    private final ScepAuthorities authorities;

    public CaCertificates(ScepAuthorities authorities) {
        this.authorities = authorities;
    }

    public Uni<byte[]> of(String tenant, String authorityId) {
        return authorities.load(tenant, authorityId).map(ScepAuthority::caCertificates);
    }
}
