package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;

/**
 * A CA as enrollment-service knows it: its certificate and chain of the current generation, the announced
 * next certificate (if any) and the certificates of earlier generations; never a key.
 *
 * @param previousCertificatesPem the CA's certificates of earlier generations (PEM bundle), or null
 */
public record Authority(String id, String tenant, AuthorityKind kind, AuthorityStatus status, String certificatePem,
        String chainPem, int generation, NextCaCertificate next, String previousCertificatesPem) {

    /** A CA in its first generation, with no renewal announced. */
    public Authority(String id, String tenant, AuthorityKind kind, AuthorityStatus status, String certificatePem,
            String chainPem) {
        this(id, tenant, kind, status, certificatePem, chainPem, 1, null, null);
    }

    /** True for an issuing CA that may issue now. */
    public boolean issuesCertificates() {
        return kind == AuthorityKind.ISSUING && status == AuthorityStatus.ACTIVE;
    }

    public Authority withStatus(AuthorityStatus newStatus) {
        return new Authority(id, tenant, kind, newStatus, certificatePem, chainPem, generation, next,
                previousCertificatesPem);
    }

    /** The next certificate is announced (GetNextCACert serves it); the current one still signs. */
    public Authority announcing(NextCaCertificate announced) {
        return new Authority(id, tenant, kind, status, certificatePem, chainPem, generation, announced,
                previousCertificatesPem);
    }

    /**
     * The certificate of {@code newGeneration} is now the CA's; the current one joins the earlier
     * generations, and an announcement up to that generation is done with.
     */
    public Authority activating(int newGeneration, String newCertificatePem, String newChainPem) {
        String previous = previousCertificatesPem == null || previousCertificatesPem.isBlank() ? certificatePem
                : previousCertificatesPem.strip() + "\n" + certificatePem;
        NextCaCertificate stillNext = next != null && next.generation() > newGeneration ? next : null;
        return new Authority(id, tenant, kind, status, newCertificatePem, newChainPem, newGeneration, stillNext,
                previous);
    }

    /** The current certificate followed by those of earlier generations, newest first. */
    public List<X509Certificate> allGenerations() {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(Pem.certificate(certificatePem));
        if (previousCertificatesPem != null && !previousCertificatesPem.isBlank()) {
            List<X509Certificate> previous = new ArrayList<>(Pem.certificates(previousCertificatesPem));
            java.util.Collections.reverse(previous);
            certificates.addAll(previous);
        }
        return certificates;
    }
}
