package io.stratus.enrollment.repository;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.entity.CrlEntity;
import io.stratus.enrollment.service.CrlRecord;
import io.stratus.enrollment.service.CrlStore;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PanacheCrlStore implements CrlStore {

    @Override
    @WithSession
    public Uni<CrlRecord> find(String authorityId) {
        return CrlEntity.<CrlEntity>findById(authorityId).map(e -> e == null ? null
                : new CrlRecord(e.authorityId, e.crlNumber, e.crlUrl, e.crlDer, e.thisUpdate, e.nextUpdate));
    }

    @Override
    @WithTransaction
    public Uni<Boolean> saveIfNewer(CrlRecord crl) {
        return CrlEntity.<CrlEntity>findById(crl.authorityId()).chain(existing -> {
            if (existing != null && existing.crlNumber >= crl.crlNumber()) {
                return Uni.createFrom().item(false);
            }
            CrlEntity e = existing != null ? existing : new CrlEntity();
            e.authorityId = crl.authorityId();
            e.crlNumber = crl.crlNumber();
            e.crlUrl = crl.url();
            e.crlDer = crl.der();
            e.thisUpdate = crl.thisUpdate();
            e.nextUpdate = crl.nextUpdate();
            e.fetchedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(true) : e.persist().replaceWith(true);
        });
    }
}
