package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** When a device's assignment ended with revocation (table {@code ended_assignment}). */
@ApplicationScoped
public class EndedAssignments {

    private static final String END = "insert into ended_assignment (tenant, assignment_id, device_id, ended_at)"
            + " values ($1, $2, $3, $4) on conflict (tenant, assignment_id, device_id)"
            + " do update set ended_at = greatest(ended_assignment.ended_at, excluded.ended_at)";

    private static final String ENDED_AT = "select ended_at from ended_assignment where tenant = $1"
            + " and assignment_id = $2 and device_id = $3";

    private final Pool pool;

    public EndedAssignments(Pool pool) {
        this.pool = pool;
    }

    /** Records that the device's assignment ended at {@code at} (a later end than the one recorded moves it). */
    public Uni<Void> end(String tenant, String assignmentId, String deviceId, Instant at) {
        return pool.preparedQuery(END).execute(Tuple.of(tenant, assignmentId, deviceId, timestamp(at)))
                .replaceWithVoid();
    }

    /** When the device's assignment last ended with revocation, or null if it never did. */
    public Uni<Instant> endedAt(String tenant, String assignmentId, String deviceId) {
        return pool.preparedQuery(ENDED_AT).execute(Tuple.of(tenant, assignmentId, deviceId))
                .map(rows -> rows.rowCount() == 0 ? null : instant(rows.iterator().next(), "ended_at"));
    }
}
