package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;
import io.stratus.events.AuthorityKind;
import jakarta.enterprise.context.ApplicationScoped;

/** Finds the issuing CA a SCEP URL names, with its RA credentials. */
@ApplicationScoped
public class ScepAuthorities {

    private final AuthorityStore authorities;
    private final RaCredentialStore raCredentials;
    private final RaCredentialCache cache;
    private final RaProvisioning raProvisioning;

    public ScepAuthorities(AuthorityStore authorities, RaCredentialStore raCredentials, RaCredentialCache cache,
            RaProvisioning raProvisioning) {
        this.raProvisioning = raProvisioning;
        this.authorities = authorities;
        this.raCredentials = raCredentials;
        this.cache = cache;
    }

    /** The issuing CA of that id in that tenant; fails with {@link UnknownAuthorityException} otherwise. */
    public Uni<Authority> find(String tenant, String authorityId) {
        return authorities.find(authorityId).map(authority -> {
            if (authority == null || !authority.tenant().equals(tenant) || authority.kind() != AuthorityKind.ISSUING) {
                throw new UnknownAuthorityException(tenant, authorityId);
            }
            return authority;
        });
    }

    /**
     * The CA and its RA credentials. An RA certificate still pending past {@code re-relay-after} (or during a
     * rollover, its successor) is requested again first (GetCACert is what devices ask while they wait).
     *
     * @throws UnknownAuthorityException (as a failed Uni) for no issuing CA of that id in that tenant
     * @throws RaNotReadyException (as a failed Uni) while the RA certificate is not issued
     */
    public Uni<ScepAuthority> load(String tenant, String authorityId) {
        return find(tenant, authorityId).chain(authority -> raCredentials.find(authorityId).chain(stored -> {
            Uni<Void> requestedIfDue = stored == null ? Uni.createFrom().voidItem()
                    : raProvisioning.requestAgainIfDue(authority, stored);
            return requestedIfDue.map(ignored -> {
                if (stored == null || !stored.issued()) {
                    throw new RaNotReadyException(authorityId);
                }
                return new ScepAuthority(authority, cache.credentials(authority, stored));
            });
        }));
    }
}
