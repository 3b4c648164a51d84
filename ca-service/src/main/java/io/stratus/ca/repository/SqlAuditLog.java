package io.stratus.ca.repository;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.platform.audit.AuditTrail;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link AuditLog#append} for transactions of the PostgreSQL client: the same record under the same lock of the
 * tenant's head, and the same AuditRecorded event in the outbox.
 */
@ApplicationScoped
public class SqlAuditLog {

    private final AuditTrail trail;
    private final AuditLog log;
    private final SqlEventOutbox outbox;

    public SqlAuditLog(AuditTrail trail, AuditLog log, SqlEventOutbox outbox) {
        this.trail = trail;
        this.log = log;
        this.outbox = outbox;
    }

    public Uni<Void> append(SqlConnection transaction, String tenant, String actor, String action, String target,
            String outcome) {
        return trail.append(transaction, tenant, actor, action, target, outcome)
                .chain(record -> outbox.append(transaction, log.event(record)));
    }
}
