package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.timestamp;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuditRecordEntity;
import io.stratus.ca.service.audit.AuditChain;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.ca.service.audit.AuditSeal;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link AuditLog#append} for transactions of the PostgreSQL client: the same records (built by
 * {@link AuditLog#next}) under the same lock of the tenant's head row, and the same AuditRecorded event in the
 * outbox, in three statements.
 */
@ApplicationScoped
public class SqlAuditLog {

    /** Creates the head if missing and locks it until the transaction ends (the no-op update takes the lock). */
    private static final String LOCK_HEAD = "insert into audit_head (tenant, last_sequence, last_hash)"
            + " values ($1, 0, $2) on conflict (tenant) do update set last_sequence = audit_head.last_sequence"
            + " returning last_sequence, last_hash";

    private static final String APPEND = "with moved as (update audit_head set last_sequence = $2, last_hash = $9,"
            + " mac = $11 where tenant = $1) insert into audit_record"
            + " (tenant, sequence, actor, action, target, outcome, at, previous_hash, hash, mac)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private final SqlEventOutbox outbox;
    private final AuditSeal seal;

    public SqlAuditLog(SqlEventOutbox outbox, AuditSeal seal) {
        this.outbox = outbox;
        this.seal = seal;
    }

    public Uni<Void> append(SqlConnection transaction, String tenant, String actor, String action, String target,
            String outcome) {
        return transaction.preparedQuery(LOCK_HEAD).execute(Tuple.of(tenant, AuditChain.GENESIS_HASH))
                .map(rows -> next(rows.iterator().next(), tenant, actor, action, target, outcome))
                .call(record -> transaction.preparedQuery(APPEND).execute(Tuple.from(new Object[] {record.tenant,
                        record.sequence, record.actor, record.action, record.target, record.outcome,
                        timestamp(record.at), record.previousHash, record.hash, record.mac,
                        seal.ofHead(record.tenant, record.sequence, record.hash)})))
                .chain(record -> outbox.append(transaction, AuditLog.event(record)));
    }

    private AuditRecordEntity next(Row head, String tenant, String actor, String action, String target,
            String outcome) {
        return AuditLog.next(seal, tenant, head.getLong("last_sequence"), head.getString("last_hash"), actor, action,
                target, outcome);
    }
}
