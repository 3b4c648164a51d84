package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pem;
import jakarta.enterprise.context.ApplicationScoped;

/** GetNextCACert: the announced next CA certificate, signed by the current RA. */
@ApplicationScoped
public class NextCaCertificates {

    private final ScepAuthorities authorities;
    private final Workers workers;

    public NextCaCertificates(ScepAuthorities authorities, Workers workers) {
        this.authorities = authorities;
        this.workers = workers;
    }

    /**
     * @throws NoNextCaCertificateException (as a failed Uni) when no renewal is announced
     */
    public Uni<byte[]> of(String tenant, String authorityId) {
        return authorities.load(tenant, authorityId).chain(ca -> {
            NextCaCertificate next = ca.authority().next();
            if (next == null) {
                return Uni.createFrom().failure(new NoNextCaCertificateException(authorityId));
            }
            // the RA that goes with the next CA certificate is the current one until the new CA key signs
            List<X509Certificate> certificates = List.of(Pem.certificate(next.certificatePem()), ca.ra().certificate());
            return workers.run(() -> NextCaCertificateResponse.build(certificates, ca.ra().certificate(),
                    ca.ra().privateKey()));
        });
    }
}
