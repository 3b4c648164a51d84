package io.stratus.enrollment.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityRenewedEvent;
import io.stratus.events.AuthorityRenewedEvent.RenewalPhase;
import io.stratus.events.AuthorityStatusChangedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the local copy of the CAs and their RA credentials in step with ca-service. */
@ApplicationScoped
public class AuthorityEvents {

    private final AuthorityStore authorities;
    private final RaProvisioning raProvisioning;
    private final ScepAuthorities scepAuthorities;

    public AuthorityEvents(AuthorityStore authorities, RaProvisioning raProvisioning, ScepAuthorities scepAuthorities) {
        this.authorities = authorities;
        this.raProvisioning = raProvisioning;
        this.scepAuthorities = scepAuthorities;
    }

    public Uni<Void> created(AuthorityCreatedEvent event) {
        if (event.authorityId() == null || event.tenant() == null || event.kind() == null
                || event.status() == null || event.certificatePem() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("AuthorityCreated lacks required fields"));
        }
        Authority created = new Authority(event.authorityId(), event.tenant(), event.kind(), event.status(),
                event.certificatePem(), event.chainPem());
        return authorities.find(event.authorityId()).chain(known -> {
            // a late or repeated AuthorityCreated never undoes a renewal
            Authority authority = known != null && known.generation() > 1 ? known.withStatus(event.status()) : created;
            return authorities.save(authority).invoke(() -> scepAuthorities.forget(authority.id()))
                    .chain(() -> raProvisioning.ensureCredential(authority));
        });
    }

    /**
     * AuthorityRenewed: ANNOUNCED stores the next certificate (GetNextCACert); ACTIVE makes it the CA's
     * certificate and, when the key changed, starts a new RA certificate under the new key. An event of a
     * generation older than what is known changes nothing.
     */
    public Uni<Void> renewed(AuthorityRenewedEvent event) {
        String problem = AuthorityRenewal.problem(event);
        if (problem != null) {
            return Uni.createFrom().failure(new IllegalArgumentException("AuthorityRenewed: " + problem));
        }
        return authorities.find(event.authorityId()).chain(known -> {
            if (known == null || !known.tenant().equals(event.tenant())) {
                Log.warnf("renewal of unknown CA %s (tenant %s) ignored", event.authorityId(), event.tenant());
                return Uni.createFrom().voidItem();
            }
            Authority renewed = AuthorityRenewal.apply(known, event);
            boolean rotateRa = event.phase() == RenewalPhase.ACTIVE && event.newKey()
                    && known.generation() <= event.generation();
            if (renewed == null) {
                Log.infof("AuthorityRenewed %s generation %d of CA %s is not newer than what is known; ignored",
                        event.phase(), event.generation(), event.authorityId());
                // a repeated ACTIVE still makes sure the RA certificate under the new key is asked for
                return rotateRa && known.generation() == event.generation() ? raProvisioning.rotate(known)
                        : Uni.createFrom().voidItem();
            }
            Log.infof("CA %s: certificate generation %d %s", event.authorityId(), event.generation(), event.phase());
            return authorities.save(renewed).invoke(() -> scepAuthorities.forget(renewed.id()))
                    .chain(() -> rotateRa ? raProvisioning.rotate(renewed) : Uni.createFrom().voidItem());
        });
    }

    public Uni<Void> statusChanged(AuthorityStatusChangedEvent event) {
        return authorities.find(event.authorityId()).chain(known -> {
            if (known == null || !known.tenant().equals(event.tenant())) {
                Log.warnf("status change of unknown CA %s (tenant %s) ignored", event.authorityId(), event.tenant());
                return Uni.createFrom().voidItem();
            }
            Authority changed = known.withStatus(event.status());
            return authorities.save(changed).invoke(() -> scepAuthorities.forget(changed.id())).chain(() -> raProvisioning.ensureCredential(changed));
        });
    }
}
