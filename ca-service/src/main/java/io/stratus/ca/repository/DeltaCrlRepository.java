package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityCrlEntity;
import io.stratus.ca.entity.DeltaCrlEntity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Delta CRL state of CA key generations. */
@ApplicationScoped
public class DeltaCrlRepository implements PanacheRepositoryBase<DeltaCrlEntity, AuthorityCrlEntity.Key> {

    /**
     * The kept delta of a CA key of the tenant when it can be served as it is: not stale, before half its validity
     * ($4), and the key's complete CRL not stale either (a revocation since is not on the delta yet). One statement
     * that reads neither the CA row's complete CRL nor its certificate.
     */
    private static final String SERVABLE = "select d.crl_der from authority_delta_crl d"
            + " join authority a on a.id = d.authority_id"
            + " left join authority_crl c on c.authority_id = d.authority_id and c.key_generation = d.key_generation"
            + " where a.tenant = $1 and a.id = $2 and d.key_generation = $3 and a.deleted_at is null"
            + " and not d.crl_stale and d.crl_der is not null and d.crl_next_update > $4"
            + " and (case when d.key_generation = 1 then not a.crl_stale"
            + " else c.authority_id is not null and not c.crl_stale end)";

    private final Pool pool;

    public DeltaCrlRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<DeltaCrlEntity> find(String authorityId, int keyGeneration) {
        return find("authorityId = ?1 and keyGeneration = ?2", authorityId, keyGeneration).firstResult();
    }

    /** The DER of the delta that can be served as kept (see {@link #SERVABLE}); null when it must be signed anew. */
    public Uni<byte[]> servable(String tenant, String authorityId, int keyGeneration, Instant freshUntil) {
        return pool.preparedQuery(SERVABLE).execute(Tuple.of(tenant, authorityId, keyGeneration, timestamp(freshUntil)))
                .map(rows -> {
                    for (Row row : rows) {
                        return row.getBuffer("crl_der").getBytes();
                    }
                    return null;
                });
    }
}
