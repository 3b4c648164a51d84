package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.ScepServer;
import jakarta.enterprise.context.ApplicationScoped;

/** GetCACert: the issuing CA certificate and its RA certificate in a certs-only PKCS#7. */
@ApplicationScoped
public class CaCertificates {

    private final ScepAuthorities authorities;

    public CaCertificates(ScepAuthorities authorities) {
        this.authorities = authorities;
    }

    public Uni<byte[]> of(String tenant, String authorityId) {
        return authorities.load(tenant, authorityId).map(ca -> {
            X509Certificate caCertificate = Pem.certificate(ca.authority().certificatePem());
            return ScepServer.degenerateCertificates(List.of(caCertificate, ca.ra().certificate()));
        });
    }
}
