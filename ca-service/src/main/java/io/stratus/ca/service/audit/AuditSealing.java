package io.stratus.ca.service.audit;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.audit.AuditChain;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.audit.AuditSeal;
import io.stratus.platform.audit.AuditTrail;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Seals, once at start, the audit records and heads written before records carried seals: each tenant's chain is
 * walked from its first record, and only records whose chain verifies up to them are sealed. A chain that does not
 * verify is left unsealed from its first bad record on (and logged), so verification keeps reporting it.
 */
@ApplicationScoped
public class AuditSealing {

    static final int PAGE = 500;

    private static final String UNSEALED_TENANTS = "select distinct tenant from audit_record where mac is null";
    private static final String SEAL_RECORD = "update audit_record set mac = $3 where tenant = $1 and sequence = $2"
            + " and mac is null";
    private static final String SEAL_HEAD = "update audit_head set mac = $4 where tenant = $1 and last_sequence = $2"
            + " and last_hash = $3 and mac is null";

    private final Pool pool;
    private final AuditTrail trail;
    private final AuditSeal seal;

    public AuditSealing(Pool pool, AuditTrail trail) {
        this.pool = pool;
        this.trail = trail;
        this.seal = trail.seal();
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        int sealed = VertxContextSupport.subscribeAndAwait(this::sealUnsealed);
        if (sealed > 0) {
            Log.infof("audit log: %d record(s) written before seals existed were sealed", sealed);
        }
    }

    /** Seals what can be sealed; completes with the number of records sealed. */
    public Uni<Integer> sealUnsealed() {
        return pool.preparedQuery(UNSEALED_TENANTS).execute().chain(rows -> {
            Uni<Integer> total = Uni.createFrom().item(0);
            for (Row row : rows) {
                String tenant = row.getString("tenant");
                total = total.chain(count -> sealTenant(new Walk(tenant)).map(sealed -> count + sealed));
            }
            return total;
        });
    }

    private Uni<Integer> sealTenant(Walk walk) {
        return trail.page(walk.tenant, walk.lastSequence, PAGE)
                .chain(records -> {
                    List<AuditRecord> toSeal = new ArrayList<>();
                    for (AuditRecord record : records) {
                        if (!walk.follows(record, seal)) {
                            Log.errorf("audit chain of tenant %s does not verify at record %d: it and the records"
                                    + " after it stay unsealed", walk.tenant, record.sequence());
                            return sealAll(toSeal).map(sealed -> walk.sealed + sealed);
                        }
                        if (record.mac() == null) {
                            toSeal.add(record);
                        }
                    }
                    boolean more = records.size() == PAGE;
                    return sealAll(toSeal).chain(sealed -> {
                        walk.sealed += sealed;
                        return more ? sealTenant(walk) : sealHead(walk).replaceWith(walk.sealed);
                    });
                });
    }

    private Uni<Integer> sealAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> seals = records.stream().map(r -> Tuple.of(r.tenant(), r.sequence(),
                seal.ofRecord(r.tenant(), r.sequence(), r.hash()))).toList();
        return pool.preparedQuery(SEAL_RECORD).executeBatch(seals).replaceWith(records.size());
    }

    /** The head, if it still ends where the walk ended (an append meanwhile sealed it already). */
    private Uni<Void> sealHead(Walk walk) {
        if (walk.lastSequence == 0) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(SEAL_HEAD).execute(Tuple.of(walk.tenant, walk.lastSequence, walk.lastHash,
                seal.ofHead(walk.tenant, walk.lastSequence, walk.lastHash))).replaceWithVoid();
    }

    /** Where the walk of one tenant's chain stands. */
    private static final class Walk {
        final String tenant;
        long lastSequence;
        String lastHash = AuditChain.GENESIS_HASH;
        int sealed;

        Walk(String tenant) {
            this.tenant = tenant;
        }

        /** Whether the record continues the chain verified so far (and, if sealed, carries its seal); moves on if so. */
        boolean follows(AuditRecord record, AuditSeal seal) {
            boolean continues = record.sequence() == lastSequence + 1 && record.previousHash().equals(lastHash)
                    && record.hashMatches()
                    && (record.mac() == null || seal.sealsRecord(record.mac(), tenant, record.sequence(), record.hash()));
            if (continues) {
                lastSequence = record.sequence();
                lastHash = record.hash();
            }
            return continues;
        }
    }
}
