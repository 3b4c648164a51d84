package io.stratus.enrollment.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityStatusChangedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the local copy of the CAs and their RA credentials in step with ca-service. */
@ApplicationScoped
public class AuthorityEvents {

    private final AuthorityStore authorities;
    private final RaProvisioning raProvisioning;
    private final RaCredentialCache raCache;

    public AuthorityEvents(AuthorityStore authorities, RaProvisioning raProvisioning, RaCredentialCache raCache) {
        this.authorities = authorities;
        this.raProvisioning = raProvisioning;
        this.raCache = raCache;
    }

    public Uni<Void> created(AuthorityCreatedEvent event) {
        if (event.authorityId() == null || event.tenant() == null || event.kind() == null
                || event.status() == null || event.certificatePem() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("AuthorityCreated lacks required fields"));
        }
        Authority authority = new Authority(event.authorityId(), event.tenant(), event.kind(), event.status(),
                event.certificatePem(), event.chainPem());
        return authorities.save(authority).chain(() -> raProvisioning.ensureCredential(authority));
    }

    public Uni<Void> statusChanged(AuthorityStatusChangedEvent event) {
        return authorities.find(event.authorityId()).chain(known -> {
            if (known == null || !known.tenant().equals(event.tenant())) {
                Log.warnf("status change of unknown CA %s (tenant %s) ignored", event.authorityId(), event.tenant());
                return Uni.createFrom().voidItem();
            }
            Authority changed = known.withStatus(event.status());
            raCache.forget(changed.id());
            return authorities.save(changed).chain(() -> raProvisioning.ensureCredential(changed));
        });
    }
}
