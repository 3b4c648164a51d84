package io.stratus.profile.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.GroupRepository;
import io.stratus.profile.repository.KnownAuthorityRepository;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.repository.TrustedProfileRepository;
import io.stratus.profile.rest.dto.ScepProfileCreation;
import jakarta.enterprise.context.ApplicationScoped;

/** SCEP certificate profiles: created and edited against their issuing CA; edits re-deploy them. */
@ApplicationScoped
public class ScepProfileService {

    private final ScepProfileRepository profiles;
    private final TrustedProfileRepository trustedProfiles;
    private final KnownAuthorityRepository authorities;
    private final AssignmentRepository assignments;
    private final GroupRepository groups;
    private final DeploymentService deployments;
    private final OutboxRelay relay;
    private final ChangeAudit audit;
    private final boolean shortValidityAllowed;

    public ScepProfileService(ScepProfileRepository profiles, TrustedProfileRepository trustedProfiles,
            KnownAuthorityRepository authorities, AssignmentRepository assignments, GroupRepository groups,
            DeploymentService deployments, OutboxRelay relay, ChangeAudit audit, ProfileConfig config) {
        this.shortValidityAllowed = config.shortValidityAllowed();
        this.audit = audit;
        this.profiles = profiles;
        this.trustedProfiles = trustedProfiles;
        this.authorities = authorities;
        this.assignments = assignments;
        this.groups = groups;
        this.deployments = deployments;
        this.relay = relay;
    }

    public Uni<ScepProfile> create(String tenant, ScepProfileCreation request) {
        ScepProfile profile = ScepProfileValidator.validated(Require.body(request), shortValidityAllowed);
        profile.id = UUID.randomUUID().toString();
        profile.tenant = tenant;
        profile.createdAt = Instant.now();
        return Panache.withTransaction(() -> checkReferences(profile).chain(() -> profiles.persist(profile))
                .call(saved -> audit.record(tenant, "SCEP_PROFILE_CREATED", target(saved.id))))
                .invoke(saved -> {
                    Log.infof("created SCEP profile %s in tenant %s", saved.id, tenant);
                    relay.wake();
                });
    }

    /** Replaces a profile's settings and re-issues ProfileAssigned (fresh challenges) to its devices. */
    public Uni<ScepProfile> update(String tenant, String id, ScepProfileCreation request) {
        ScepProfile edited = ScepProfileValidator.validated(Require.body(request), shortValidityAllowed);
        return Panache.withTransaction(() -> find(tenant, id)
                .call(() -> checkReferences(withIdentity(edited, tenant, id)))
                .call(profile -> assignments.ofProfile(tenant, id).chain(of -> lockGroups(tenant, of)))
                .invoke(profile -> copySettings(edited, profile))
                .call(profile -> audit.record(tenant, "SCEP_PROFILE_UPDATED", target(id)))
                .call(profile -> Panache.getSession().chain(session -> session.flush()))
                .call(profile -> assignments.ofProfile(tenant, id).chain(of -> {
                    Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
                    for (Assignment assignment : of) {
                        total = total.chain(sum -> deployments.redeploy(assignment, profile).map(sum::plus));
                    }
                    return total.invoke(counts -> Log.infof("SCEP profile %s of tenant %s updated: %d devices"
                            + " re-assigned, %d failed, %d unassigned", id, tenant, counts.assigned(),
                            counts.failed(), counts.unassigned()));
                })))
                .invoke(ignored -> relay.wake());
    }

    /** Deletes a profile that no assignment uses (409 otherwise: delete its assignments first). */
    public Uni<Void> delete(String tenant, String id) {
        return Panache.withTransaction(() -> find(tenant, id)
                .call(profile -> assignments.ofProfile(tenant, id).invoke(of -> {
                    if (!of.isEmpty()) {
                        throw ProblemException.conflict("SCEP profile '" + id + "' is still assigned ("
                                + of.size() + " assignment(s), e.g. '" + of.get(0).id
                                + "'); delete its assignments first");
                    }
                }))
                .call(profiles::delete)
                .call(() -> audit.record(tenant, "SCEP_PROFILE_DELETED", target(id))))
                .invoke(() -> {
                    Log.infof("deleted SCEP profile %s of tenant %s", id, tenant);
                    relay.wake();
                })
                .replaceWithVoid();
    }

    /** How the audit log names a SCEP profile. */
    static String target(String id) {
        return "scep-profile:" + id;
    }

    public Uni<java.util.List<ScepProfile>> list(String tenant) {
        return Panache.withSession(() -> profiles.ofTenant(tenant));
    }

    public Uni<ScepProfile> get(String tenant, String id) {
        return Panache.withSession(() -> find(tenant, id));
    }

    private Uni<ScepProfile> find(String tenant, String id) {
        return profiles.find(tenant, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("SCEP profile '" + id + "' not found in tenant " + tenant));
    }

    private Uni<Void> lockGroups(String tenant, java.util.List<Assignment> of) {
        Set<String> ids = new HashSet<>();
        for (Assignment assignment : of) {
            ids.addAll(assignment.includeGroupIds);
            ids.addAll(assignment.excludeGroupIds);
        }
        return groups.lock(tenant, ids).replaceWithVoid();
    }

    private Uni<Void> checkReferences(ScepProfile profile) {
        return authorities.find(profile.tenant, profile.authorityId)
                .invoke(ca -> AuthorityChecks.check(profile, ca, Instant.now()))
                .chain(ca -> trustedProfiles.findByIds(profile.tenant, profile.trustedProfileIds))
                .invoke(found -> {
                    Set<String> known = new HashSet<>();
                    found.forEach(trusted -> known.add(trusted.id));
                    profile.trustedProfileIds.stream().filter(trustedId -> !known.contains(trustedId)).findFirst()
                            .ifPresent(unknown -> {
                                throw ProblemException.badRequest("trustedProfileIds names the unknown trusted"
                                        + " profile '" + unknown + "' in tenant " + profile.tenant);
                            });
                })
                .replaceWithVoid();
    }

    private static ScepProfile withIdentity(ScepProfile profile, String tenant, String id) {
        profile.tenant = tenant;
        profile.id = id;
        return profile;
    }

    private static void copySettings(ScepProfile from, ScepProfile to) {
        to.name = from.name;
        to.platform = from.platform;
        to.certificateType = from.certificateType;
        to.authorityId = from.authorityId;
        to.scepUrl = from.scepUrl;
        to.subjectNameFormat = from.subjectNameFormat;
        to.sans = from.sans;
        to.validityDays = from.validityDays;
        to.validityMinutes = from.validityMinutes;
        to.keyAlgorithm = from.keyAlgorithm;
        to.keySize = from.keySize;
        to.keyUsages = from.keyUsages;
        to.ekus = from.ekus;
        to.renewalThresholdPercent = from.renewalThresholdPercent;
        to.trustedProfileIds = from.trustedProfileIds;
        to.keyStorageProvider = from.keyStorageProvider;
        to.hashAlgorithm = from.hashAlgorithm;
        to.revokeOnUnassignment = from.revokeOnUnassignment;
        to.revokeOnRenewal = from.revokeOnRenewal;
    }
}
