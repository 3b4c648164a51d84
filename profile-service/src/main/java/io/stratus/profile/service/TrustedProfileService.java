package io.stratus.profile.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Platform;
import io.stratus.profile.entity.TrustStore;
import io.stratus.profile.entity.TrustedProfile;
import io.stratus.profile.repository.TrustedProfileRepository;
import io.stratus.profile.rest.dto.TrustedProfileCreation;
import jakarta.enterprise.context.ApplicationScoped;

/** Trusted-certificate profiles: one CA certificate each, installed into a device store. */
@ApplicationScoped
public class TrustedProfileService {

    /** keyCertSign in {@link X509Certificate#getKeyUsage()}. */
    private static final int KEY_CERT_SIGN = 5;

    private final TrustedProfileRepository profiles;

    public TrustedProfileService(TrustedProfileRepository profiles) {
        this.profiles = profiles;
    }

    public Uni<TrustedProfile> create(String tenant, TrustedProfileCreation request) {
        Require.body(request);
        TrustedProfile profile = new TrustedProfile();
        profile.id = UUID.randomUUID().toString();
        profile.tenant = tenant;
        profile.name = Require.text(request.name(), "name");
        profile.platform = Require.oneOf(Platform.class, request.platform(), "platform");
        profile.store = Require.oneOf(TrustStore.class, request.store(), "store");
        profile.authorityId = Require.optionalText(request.authorityId(), "authorityId");
        X509Certificate certificate = caCertificate(request.certificatePem(), profile.store);
        profile.certificatePem = Pem.encode(certificate);
        profile.subjectDn = SubjectNames.toString(certificate.getSubjectX500Principal());
        profile.createdAt = Instant.now();
        return Panache.withTransaction(() -> profiles.persist(profile));
    }

    public Uni<TrustedProfile> get(String tenant, String id) {
        return Panache.withSession(() -> profiles.find(tenant, id)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("trusted profile '" + id + "' not found in tenant "
                        + tenant));
    }

    private static X509Certificate caCertificate(String pem, TrustStore store) {
        if (pem == null || pem.isBlank()) {
            throw ProblemException.badRequest("certificatePem is required (a PEM CA certificate)");
        }
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("certificatePem is not a valid X.509 certificate");
        }
        if (certificates.size() != 1) {
            throw ProblemException.badRequest(certificates.isEmpty()
                    ? "certificatePem holds no '-----BEGIN CERTIFICATE-----' block"
                    : "certificatePem must hold exactly one certificate, not " + certificates.size());
        }
        X509Certificate certificate = certificates.get(0);
        String subject = SubjectNames.toString(certificate.getSubjectX500Principal());
        if (certificate.getBasicConstraints() < 0) {
            throw ProblemException.badRequest("certificate '" + subject
                    + "' is not a CA certificate (basicConstraints does not say cA)");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_CERT_SIGN]) {
            throw ProblemException.badRequest("certificate '" + subject
                    + "' is not a CA certificate (its key usage lacks keyCertSign)");
        }
        boolean selfIssued = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        if (store == TrustStore.COMPUTER_ROOT && !selfIssued) {
            throw ProblemException.badRequest("store COMPUTER_ROOT takes a self-signed root certificate; '"
                    + subject + "' is issued by another CA (use COMPUTER_INTERMEDIATE)");
        }
        return certificate;
    }
}
