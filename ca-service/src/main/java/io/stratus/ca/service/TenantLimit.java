package io.stratus.ca.service;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.config.CaConfig;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** The configurable number of CAs a tenant may have (deleted CAs do not count). */
@ApplicationScoped
public class TenantLimit {

    private final AuthorityRepository authorities;
    private final CaConfig config;

    public TenantLimit(AuthorityRepository authorities, CaConfig config) {
        this.authorities = authorities;
        this.config = config;
    }

    /** Fails with 409 when the tenant is at its limit; run inside a session (and after lockTenant when creating). */
    public Uni<Void> check(String tenant) {
        int max = config.maxAuthoritiesPerTenant();
        return authorities.countByTenant(tenant).invoke(count -> {
            if (count >= max) {
                throw ProblemException.conflict("tenant " + tenant + " already has " + count
                        + " CAs, the maximum is " + max);
            }
        }).replaceWithVoid();
    }
}
