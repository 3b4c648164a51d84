package io.stratus.ca.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The certificate that stands for one key of a CA: the newest certificate in use or used before (never an announced
 * or cancelled one) that carries the key. It is what the key's AIA caIssuers URL serves and what issues the key's
 * CRL; after a same-key renewal it is the renewed certificate, after a new-key renewal the old key keeps its own.
 */
@ApplicationScoped
public class KeyCertificates {

    private final AuthorityService authorities;
    private final CaCertificateRepository generations;

    public KeyCertificates(AuthorityService authorities, CaCertificateRepository generations) {
        this.authorities = authorities;
        this.generations = generations;
    }

    /** DER of the newest certificate of key generation {@code keyGeneration}; 404 unknown CA or key, 409 unsigned. */
    public Uni<byte[]> newestDer(String tenant, String authorityId, int keyGeneration) {
        return authorities.getSigned(tenant, authorityId).chain(ca -> Panache.withSession(
                () -> newest(ca, keyGeneration)).map(row -> row == null ? Pem.der(Pem.certificate(ca.certificatePem))
                        : row.certificateDer));
    }

    /**
     * The newest certificate of the key generation, in the caller's session; null only for a CA without generation
     * rows asked for its first key (its current certificate stands for it); a 404 problem when the CA has no such
     * key in use or used before (an announced new key is not in use yet).
     */
    Uni<CaCertificateEntity> newest(AuthorityEntity ca, int keyGeneration) {
        return generations.latestWithKey(ca.id, keyGeneration).map(row -> {
            if (row == null && keyGeneration == 1 && ca.keyGeneration == 1) {
                return null;
            }
            if (row == null || keyGeneration > ca.keyGeneration) {
                throw ProblemException.notFound("CA " + ca.id + " has no key generation " + keyGeneration);
            }
            return row;
        });
    }
}
