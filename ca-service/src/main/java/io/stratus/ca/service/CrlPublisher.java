package io.stratus.ca.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.stratus.ca.config.CaConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes every CA's CRLs on time, whether anyone downloads them or not: every {@code crl-publish-interval} it signs
 * a new CRL for each key of a CA (every key generation in use, paused and revoked CAs included) whose CRL is missing,
 * marked stale by a revocation, or past half its validity (3.5 of 7 days by default). A CRL is signed only there:
 * {@link CrlService#reissue} locks the CA row and keeps a CRL another replica has just signed, so replicas running this
 * at once sign each CRL once.
 */
@ApplicationScoped
public class CrlPublisher {

    /**
     * The keys whose CRL is due: the first key of every CA that has one, and each later key with a certificate in use
     * or used before (key generations are the numbers of the certificate generations that brought a new key, so they
     * have gaps), and the delta CRLs of keys that have one; $1 and $2 are the times before which a complete and a delta
     * CRL's nextUpdate make it due. A key's complete CRL comes before its delta.
     */
    private static final String DUE = "select a.tenant, a.id, 1 as key_generation, false as delta from authority a"
            + " where a.deleted_at is null and a.certificate_pem is not null and a.key_reference is not null"
            + " and (a.crl_stale or a.crl_next_update is null or a.crl_next_update < $1)"
            + " union all"
            + " select a.tenant, a.id, k.key_generation, false from authority a"
            + " join (select distinct authority_id, key_generation from ca_certificate"
            + " where key_generation > 1 and state in ('CURRENT', 'PREVIOUS')) k on k.authority_id = a.id"
            + " left join authority_crl c on c.authority_id = a.id and c.key_generation = k.key_generation"
            + " where a.deleted_at is null and a.certificate_pem is not null and a.key_reference is not null"
            + " and (c.authority_id is null or c.crl_stale or c.crl_next_update is null or c.crl_next_update < $1)"
            + " union all"
            + " select a.tenant, a.id, d.key_generation, true from authority a"
            + " join authority_delta_crl d on d.authority_id = a.id"
            + " where a.deleted_at is null and a.certificate_pem is not null and a.key_reference is not null"
            + " and (d.crl_stale or d.crl_next_update is null or d.crl_next_update < $2)"
            + " order by 1, 2, 3, 4";

    private final Pool pool;
    private final CrlService crls;
    private final CaConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long timerId = -1;

    public CrlPublisher(Pool pool, CrlService crls, CaConfig config, Vertx vertx) {
        this.pool = pool;
        this.crls = crls;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.crlPublishInterval().toMillis(), id -> publishDue());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * Signs the CRLs that are due, one after the other, on a worker thread. Called by the timer and right after
     * revocations; a call while a round runs makes that round look again when it is done, so a burst of revocations
     * signs each CA's CRL once or twice, not once per revocation.
     */
    public void publishDue() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    while (again.getAndSet(false)) {
                        publishRound();
                    }
                } finally {
                    running.set(false);
                    if (again.get()) {
                        publishDue();
                    }
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            running.set(false);
        }
    }

    private void publishRound() {
        try {
            for (DueCrl due : dueCrls()) {
                publish(due);
            }
        } catch (Throwable failure) {
            Log.warnf("CRLs due were not looked up; next try within %s: %s", config.crlPublishInterval(),
                    failure.toString());
        }
    }

    private List<DueCrl> dueCrls() throws Throwable {
        Instant dueBefore = Instant.now().plus(config.crlValidity().dividedBy(2));
        Instant deltaDueBefore = Instant.now().plus(config.deltaCrlValidity().dividedBy(2));
        List<DueCrl> due = new ArrayList<>();
        for (Row row : VertxContextSupport.subscribeAndAwait(
                () -> pool.preparedQuery(DUE).execute(Tuple.of(dueBefore.atOffset(ZoneOffset.UTC),
                        deltaDueBefore.atOffset(ZoneOffset.UTC))))) {
            due.add(new DueCrl(row.getString("tenant"), row.getString("id"), row.getInteger("key_generation"),
                    row.getBoolean("delta")));
        }
        return due;
    }

    private void publish(DueCrl due) {
        try {
            // a complete CRL makes its delta stale: the delta follows at once
            VertxContextSupport.subscribeAndAwait(() -> due.delta()
                    ? crls.reissueDelta(due.tenant(), due.authorityId(), due.keyGeneration())
                    : crls.reissue(due.tenant(), due.authorityId(), due.keyGeneration())
                            .chain(() -> crls.reissueDelta(due.tenant(), due.authorityId(), due.keyGeneration())));
        } catch (Throwable failure) {
            Log.warnf("%s of CA %s (key generation %d) not published; next try within %s: %s",
                    due.delta() ? "delta CRL" : "CRL", due.authorityId(), due.keyGeneration(),
                    config.crlPublishInterval(), failure.toString());
        }
    }

    private record DueCrl(String tenant, String authorityId, int keyGeneration, boolean delta) {
    }
}
