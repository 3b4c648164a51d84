package io.stratus.profile.service;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.events.CloudEvent;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.audit.AuditTrail;
import io.stratus.platform.security.Callers;
import io.stratus.profile.messaging.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes an administrator's change of profiles, groups and assignments to the tenant's audit log, inside the
 * transaction that makes the change (so the record exists exactly when the change does), with its AuditRecorded
 * event in the outbox.
 */
@ApplicationScoped
public class ChangeAudit {

    private final AuditTrail trail;
    private final OutboxWriter outbox;
    private final Callers callers;

    public ChangeAudit(AuditTrail trail, OutboxWriter outbox, Callers callers) {
        this.trail = trail;
        this.outbox = outbox;
        this.callers = callers;
    }

    /** Must run inside a transaction: the caller did {@code action} to {@code target} ({@code kind:id}). */
    public Uni<Void> record(String tenant, String action, String target) {
        return record(tenant, action, target, AuditRecord.SUCCESS);
    }

    /** As {@link #record(String, String, String)}, with what came of it ({@code SUCCESS (...)}). */
    public Uni<Void> record(String tenant, String action, String target, String outcome) {
        String actor = callers.current();
        return Panache.getSession()
                .chain(session -> trail.append(session, tenant, actor, action, target, outcome))
                .chain(record -> outbox.append(List.of(CloudEvent.of(DeploymentPlanner.EVENT_SOURCE,
                        record.event(trail.service())))));
    }
}
