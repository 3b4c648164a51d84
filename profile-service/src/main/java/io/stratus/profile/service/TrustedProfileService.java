package io.stratus.profile.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.Platform;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.GroupRepository;
import io.stratus.profile.repository.ScepProfileRepository;
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
    private final ScepProfileRepository scepProfiles;
    private final AssignmentRepository assignments;
    private final GroupRepository groups;
    private final DeploymentService deployments;
    private final OutboxRelay relay;
    private final ChangeAudit audit;

    public TrustedProfileService(TrustedProfileRepository profiles, ScepProfileRepository scepProfiles,
            AssignmentRepository assignments, GroupRepository groups, DeploymentService deployments,
            OutboxRelay relay, ChangeAudit audit) {
        this.audit = audit;
        this.profiles = profiles;
        this.scepProfiles = scepProfiles;
        this.assignments = assignments;
        this.groups = groups;
        this.deployments = deployments;
        this.relay = relay;
    }

    public Uni<TrustedProfile> create(String tenant, TrustedProfileCreation request) {
        TrustedProfile profile = validated(request);
        profile.id = UUID.randomUUID().toString();
        profile.tenant = tenant;
        profile.createdAt = Instant.now();
        return Panache.withTransaction(() -> profiles.persist(profile)
                .call(saved -> audit.record(tenant, "TRUSTED_PROFILE_CREATED", target(saved.id))))
                .invoke(relay::wake);
    }

    /** How the audit log names a trusted-certificate profile. */
    static String target(String id) {
        return "trusted-profile:" + id;
    }

    public Uni<List<TrustedProfile>> list(String tenant) {
        return Panache.withSession(() -> profiles.ofTenant(tenant));
    }

    /**
     * Replaces a trusted profile's settings and certificate; every device in scope of a SCEP profile that uses it
     * gets a new ProfileAssigned (with the new trusted certificates and a fresh challenge).
     */
    public Uni<TrustedProfile> update(String tenant, String id, TrustedProfileCreation request) {
        TrustedProfile edited = validated(request);
        return Panache.withTransaction(() -> find(tenant, id)
                .invoke(profile -> {
                    profile.name = edited.name;
                    profile.platform = edited.platform;
                    profile.store = edited.store;
                    profile.authorityId = edited.authorityId;
                    profile.certificatePem = edited.certificatePem;
                    profile.subjectDn = edited.subjectDn;
                })
                .call(profile -> audit.record(tenant, "TRUSTED_PROFILE_UPDATED", target(id)))
                .call(profile -> Panache.getSession().chain(session -> session.flush()))
                .call(profile -> scepProfiles.referencing(tenant, id).chain(this::redeploy)))
                .invoke(profile -> {
                    Log.infof("updated trusted profile %s of tenant %s", id, tenant);
                    relay.wake();
                });
    }

    /** Deletes a trusted profile that no SCEP profile references (409 otherwise). */
    public Uni<Void> delete(String tenant, String id) {
        return Panache.withTransaction(() -> find(tenant, id)
                .call(profile -> scepProfiles.referencing(tenant, id).invoke(using -> {
                    if (!using.isEmpty()) {
                        throw ProblemException.conflict("trusted profile '" + id + "' is used by " + using.size()
                                + " SCEP profile(s), e.g. '" + using.get(0).id + "'; remove it from them first");
                    }
                }))
                .call(profiles::delete)
                .call(() -> audit.record(tenant, "TRUSTED_PROFILE_DELETED", target(id))))
                .invoke(() -> {
                    Log.infof("deleted trusted profile %s of tenant %s", id, tenant);
                    relay.wake();
                })
                .replaceWithVoid();
    }

    private Uni<DeploymentCounts> redeploy(List<ScepProfile> using) {
        Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
        for (ScepProfile scep : using) {
            total = total.chain(sum -> assignments.ofProfile(scep.tenant, scep.id).chain(of -> {
                Set<String> groupIds = new HashSet<>();
                of.forEach(assignment -> {
                    groupIds.addAll(assignment.includeGroupIds);
                    groupIds.addAll(assignment.excludeGroupIds);
                });
                Uni<DeploymentCounts> perProfile = groups.lock(scep.tenant, groupIds).replaceWith(sum);
                for (Assignment assignment : of) {
                    perProfile = perProfile.chain(acc -> deployments.redeploy(assignment, scep).map(acc::plus));
                }
                return perProfile;
            }));
        }
        return total;
    }

    private Uni<TrustedProfile> find(String tenant, String id) {
        return profiles.find(tenant, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("trusted profile '" + id + "' not found in tenant "
                        + tenant));
    }

    private static TrustedProfile validated(TrustedProfileCreation request) {
        Require.body(request);
        TrustedProfile profile = new TrustedProfile();
        profile.name = Require.text(request.name(), "name");
        profile.platform = Require.oneOf(Platform.class, request.platform(), "platform");
        profile.store = Require.oneOf(TrustStore.class, request.store(), "store");
        profile.authorityId = Require.optionalText(request.authorityId(), "authorityId");
        X509Certificate certificate = caCertificate(request.certificatePem(), profile.store);
        profile.certificatePem = Pem.encode(certificate);
        profile.subjectDn = SubjectNames.toString(certificate.getSubjectX500Principal());
        return profile;
    }

    public Uni<TrustedProfile> get(String tenant, String id) {
        return Panache.withSession(() -> find(tenant, id));
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
