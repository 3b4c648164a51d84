package io.stratus.profile.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.repository.TrustedProfileRepository;
import io.stratus.profile.rest.dto.ScepProfileCreation;
import jakarta.enterprise.context.ApplicationScoped;

/** SCEP certificate profiles. */
@ApplicationScoped
public class ScepProfileService {

    private final ScepProfileRepository profiles;
    private final TrustedProfileRepository trustedProfiles;

    public ScepProfileService(ScepProfileRepository profiles, TrustedProfileRepository trustedProfiles) {
        this.profiles = profiles;
        this.trustedProfiles = trustedProfiles;
    }

    public Uni<ScepProfile> create(String tenant, ScepProfileCreation request) {
        ScepProfile profile = ScepProfileValidator.validated(Require.body(request));
        profile.id = UUID.randomUUID().toString();
        profile.tenant = tenant;
        profile.createdAt = Instant.now();
        return Panache.withTransaction(() -> trustedProfiles.findByIds(tenant, profile.trustedProfileIds)
                .invoke(found -> {
                    Set<String> known = new HashSet<>();
                    found.forEach(trusted -> known.add(trusted.id));
                    profile.trustedProfileIds.stream().filter(id -> !known.contains(id)).findFirst()
                            .ifPresent(unknown -> {
                                throw ProblemException.badRequest("trustedProfileIds names the unknown trusted"
                                        + " profile '" + unknown + "' in tenant " + tenant);
                            });
                })
                .chain(found -> profiles.persist(profile)))
                .invoke(saved -> Log.infof("created SCEP profile %s in tenant %s", saved.id, tenant));
    }

    public Uni<ScepProfile> get(String tenant, String id) {
        return Panache.withSession(() -> profiles.find(tenant, id)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("SCEP profile '" + id + "' not found in tenant " + tenant));
    }
}
