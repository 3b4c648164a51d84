package io.stratus.enrollment.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.events.AuthorityKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the issuing CA a SCEP URL names, with its RA credentials. A CA that serves SCEP is kept for
 * {@code stratus.enrollment.authority-cache-ttl} (a device asks GetCACaps, GetCACert and PKIOperation in a row; all
 * three are answered from it) and
 * forgotten as soon as an authority or RA certificate event changes it here.
 */
@ApplicationScoped
public class ScepAuthorities {

    private record Loaded(ScepAuthority authority, long expiresAtNanos) {
    }

    private final AuthorityStore authorities;
    private final RaCredentialStore raCredentials;
    private final RaCredentialCache cache;
    private final RaProvisioning raProvisioning;
    private final long ttlNanos;
    private final ConcurrentMap<String, Loaded> loaded = new ConcurrentHashMap<>();

    public ScepAuthorities(AuthorityStore authorities, RaCredentialStore raCredentials, RaCredentialCache cache,
            RaProvisioning raProvisioning, EnrollmentConfig config) {
        this.ttlNanos = config.authorityCacheTtl().toNanos();
        this.raProvisioning = raProvisioning;
        this.authorities = authorities;
        this.raCredentials = raCredentials;
        this.cache = cache;
    }

    /** The issuing CA of that id in that tenant; fails with {@link UnknownAuthorityException} otherwise. */
    public Uni<Authority> find(String tenant, String authorityId) {
        Loaded known = fresh(authorityId);
        Uni<Authority> found = known != null ? Uni.createFrom().item(known.authority().authority())
                : authorities.find(authorityId);
        return found.map(authority -> {
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
        Loaded known = fresh(authorityId);
        if (known != null) {
            Authority authority = known.authority().authority();
            return authority.tenant().equals(tenant) ? Uni.createFrom().item(known.authority())
                    : Uni.createFrom().failure(new UnknownAuthorityException(tenant, authorityId));
        }
        return read(tenant, authorityId).invoke(ca -> {
            if (ttlNanos > 0) {
                loaded.put(authorityId, new Loaded(ca, System.nanoTime() + ttlNanos));
            }
        });
    }

    private Loaded fresh(String authorityId) {
        Loaded known = loaded.get(authorityId);
        return known != null && System.nanoTime() - known.expiresAtNanos() < 0 ? known : null;
    }

    /** Forgets what is kept of this CA and its RA credential: they changed. */
    public void forget(String authorityId) {
        loaded.remove(authorityId);
        cache.forget(authorityId);
    }

    private Uni<ScepAuthority> read(String tenant, String authorityId) {
        return find(tenant, authorityId).chain(authority -> raCredentials.find(authorityId).chain(stored -> {
            Uni<Void> requestedIfDue = stored == null ? Uni.createFrom().voidItem()
                    : raProvisioning.requestAgainIfDue(authority, stored);
            return requestedIfDue.map(ignored -> {
                if (stored == null || !stored.issued()) {
                    throw new RaNotReadyException(authorityId);
                }
                return ScepAuthority.of(authority, cache.credentials(authority, stored));
            });
        }));
    }
}
