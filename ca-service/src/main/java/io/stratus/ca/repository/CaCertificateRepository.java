package io.stratus.ca.repository;

import java.util.List;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.events.AuthorityStatus;
import jakarta.enterprise.context.ApplicationScoped;

/** The certificate generations of CAs. */
@ApplicationScoped
public class CaCertificateRepository implements PanacheRepositoryBase<CaCertificateEntity, CaCertificateEntity.Key> {

    public Uni<List<CaCertificateEntity>> generationsOf(String authorityId) {
        return list("authorityId = ?1 order by generation", authorityId);
    }

    /** Generations of several CAs at once (for a list answer). */
    public Uni<List<CaCertificateEntity>> generationsOf(List<String> authorityIds) {
        if (authorityIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("authorityId in ?1 order by authorityId, generation", authorityIds);
    }

    public Uni<CaCertificateEntity> find(String authorityId, int generation) {
        return find("authorityId = ?1 and generation = ?2", authorityId, generation).firstResult();
    }

    public Uni<CaCertificateEntity> inState(String authorityId, CaCertificateState state) {
        return find("authorityId = ?1 and state = ?2", authorityId, state).firstResult();
    }

    /** The newest certificate in use or used before (not an announced or cancelled one) with this key generation. */
    public Uni<CaCertificateEntity> latestWithKey(String authorityId, int keyGeneration) {
        return find("authorityId = ?1 and keyGeneration = ?2 and state in ?3 order by generation desc", authorityId,
                keyGeneration, List.of(CaCertificateState.CURRENT, CaCertificateState.PREVIOUS)).firstResult();
    }

    /** Certificates of the revoked children of {@code parentId} that the parent's key generation signed. */
    public Uni<List<CaCertificateEntity>> revokedChildCertificates(String parentId, int issuerKeyGeneration) {
        return list("from CaCertificateEntity c where c.issuerKeyGeneration = ?2 and c.authorityId in"
                + " (select a.id from AuthorityEntity a where a.parentId = ?1 and a.status = ?3)",
                parentId, issuerKeyGeneration, AuthorityStatus.REVOKED);
    }

    /** The certificate with this serial of a child CA of {@code parentId}, or null. */
    public Uni<CaCertificateEntity> childCertificate(String parentId, String serialHex) {
        return find("serialHex = ?2 and authorityId in (select a.id from AuthorityEntity a where a.parentId = ?1)",
                parentId, serialHex).firstResult();
    }

    /** The distinct key generations of the parent that signed any certificate of this CA. */
    public Uni<List<Integer>> issuerKeyGenerationsOf(String authorityId) {
        return generationsOf(authorityId).map(rows -> rows.stream().map(row -> row.issuerKeyGeneration)
                .filter(Objects::nonNull).distinct().toList());
    }
}
