package io.stratus.platform.audit;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One service's audit log in its database (tables {@code audit_record} and {@code audit_head}): appends inside the
 * caller's transaction, so that a record commits or rolls back with the change it describes, and reads it back.
 * Appends of a tenant are serialised by the row lock of the tenant's head, which moves with each record and carries
 * its own seal. The caller publishes each appended record ({@link AuditRecord#event}) through its outbox.
 */
public final class AuditTrail {

    /** Creates the head if missing and locks it until the transaction ends (the no-op update takes the lock). */
    private static final String LOCK_HEAD = "insert into audit_head (tenant, last_sequence, last_hash)"
            + " values ($1, 0, $2) on conflict (tenant) do update set last_sequence = audit_head.last_sequence"
            + " returning last_sequence, last_hash";
    private static final String CREATE_HEAD = "insert into audit_head (tenant, last_sequence, last_hash)"
            + " values ($1, 0, $2) on conflict (tenant) do nothing";
    private static final String HEAD_FOR_UPDATE = "select last_sequence, cast(last_hash as text) from audit_head"
            + " where tenant = $1 for update";
    private static final String APPEND = "with moved as (update audit_head set last_sequence = $2, last_hash = $9,"
            + " mac = $11 where tenant = $1) insert into audit_record"
            + " (tenant, sequence, actor, action, target, outcome, at, previous_hash, hash, mac)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    private static final String HEAD = "select tenant, last_sequence, last_hash, mac from audit_head where tenant = $1";
    private static final String PAGE = "select tenant, sequence, actor, action, target, outcome, at, previous_hash,"
            + " hash, mac from audit_record where tenant = $1 and sequence > $2 order by sequence limit $3";
    private static final Pattern POSITIONAL = Pattern.compile("\\$(\\d+)");

    private final String service;
    private final AuditSeal seal;
    private final Pool pool;

    /** {@code service}: the name its records carry on the audit topic ({@code ca-service}, ...). */
    public AuditTrail(String service, AuditSeal seal, Pool pool) {
        this.service = service;
        this.seal = seal;
        this.pool = pool;
    }

    public String service() {
        return service;
    }

    public AuditSeal seal() {
        return seal;
    }

    /** Appends a record in a transaction of the PostgreSQL client (one locking statement, one appending). */
    public Uni<AuditRecord> append(SqlConnection transaction, String tenant, String actor, String action,
            String target, String outcome) {
        return transaction.preparedQuery(LOCK_HEAD).execute(Tuple.of(tenant, AuditChain.GENESIS_HASH))
                .map(rows -> {
                    Row head = rows.iterator().next();
                    return AuditRecord.next(seal, tenant, head.getLong(0), head.getString(1), actor, action, target,
                            outcome);
                })
                .call(record -> transaction.preparedQuery(APPEND).execute(Tuple.from(appendValues(record))));
    }

    /** Appends a record in the transaction of a Hibernate Reactive session. */
    public Uni<AuditRecord> append(Mutiny.Session session, String tenant, String actor, String action, String target,
            String outcome) {
        return bind(session.createNativeQuery(named(CREATE_HEAD)), tenant, AuditChain.GENESIS_HASH).executeUpdate()
                .chain(() -> bind(session.<Object[]>createNativeQuery(named(HEAD_FOR_UPDATE)), tenant)
                        .getSingleResult())
                .map(head -> AuditRecord.next(seal, tenant, ((Number) head[0]).longValue(), head[1].toString(),
                        actor, action, target, outcome))
                .call(record -> bind(session.createNativeQuery(named(APPEND)), appendValues(record)).executeUpdate());
    }

    /** The tenant's head, or null when the tenant has no record. */
    public Uni<AuditHead> head(String tenant) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(tenant)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new AuditHead(row.getString("tenant"), row.getLong("last_sequence"), row.getString("last_hash"),
                    row.getString("mac"));
        });
    }

    /** Records after {@code afterSequence} in order, at most {@code limit}. */
    public Uni<List<AuditRecord>> page(String tenant, long afterSequence, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(tenant, afterSequence, limit)).map(rows -> {
            List<AuditRecord> page = new ArrayList<>(rows.size());
            for (Row row : rows) {
                page.add(record(row));
            }
            return page;
        });
    }

    /** A record as the columns of {@link #PAGE} hold it. */
    public static AuditRecord record(Row row) {
        return new AuditRecord(row.getString("tenant"), row.getLong("sequence"), row.getString("actor"),
                row.getString("action"), row.getString("target"), row.getString("outcome"), instant(row, "at"),
                row.getString("previous_hash"), row.getString("hash"), row.getString("mac"));
    }

    private Object[] appendValues(AuditRecord record) {
        return new Object[] {record.tenant(), record.sequence(), record.actor(), record.action(), record.target(),
                record.outcome(), timestamp(record.at()), record.previousHash(), record.hash(), record.mac(),
                seal.ofHead(record.tenant(), record.sequence(), record.hash())};
    }

    /** The statement with {@code :pN} for each {@code $N}, the parameter style of Hibernate's native queries. */
    private static String named(String positional) {
        Matcher matcher = POSITIONAL.matcher(positional);
        return matcher.replaceAll(":p$1");
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... values) {
        for (int i = 0; i < values.length; i++) {
            query.setParameter("p" + (i + 1), values[i]);
        }
        return query;
    }
}
