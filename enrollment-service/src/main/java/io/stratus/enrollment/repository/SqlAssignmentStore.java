package io.stratus.enrollment.repository;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.AssignmentRecord;
import io.stratus.enrollment.service.AssignmentStore;
import io.stratus.enrollment.service.ChallengeRecord;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The assignments in table {@code assignment}, one row per device, one prepared statement per call. */
@ApplicationScoped
public class SqlAssignmentStore implements AssignmentStore {

    private static final String UPSERT_ACTIVE = "insert into assignment (tenant, assignment_id, device_id, profile_id,"
            + " authority_id, renewal_threshold_percent, ended_at, updated_at, assigned_at)"
            + " values ($1, $2, $3, $4, $5, $6, null, $7, $8) on conflict (tenant, assignment_id, device_id) do update"
            + " set renewal_threshold_percent = excluded.renewal_threshold_percent, ended_at = null,"
            + " updated_at = excluded.updated_at,"
            + " assigned_at = greatest(assignment.assigned_at, excluded.assigned_at)";

    /**
     * The assignment upsert and, in the same statement (one round trip, one commit), the challenge's insert: a
     * data-modifying CTE runs whether or not the main statement reads it. The row count is the challenge's.
     */
    private static final String UPSERT_ACTIVE_WITH_CHALLENGE = "with active as (" + UPSERT_ACTIVE + ") "
            + SqlChallengeStore.insertIfAbsent(9);

    private static final String END = "update assignment set ended_at = $3, updated_at = $3"
            + " where tenant = $1 and assignment_id = $2 and device_id = $4 and ended_at is null";

    private static final String FIND = "select tenant, assignment_id, device_id, profile_id, authority_id,"
            + " renewal_threshold_percent, ended_at, assigned_at from assignment where tenant = $1 and assignment_id = $2"
            + " and device_id = $3";

    private final Pool pool;

    public SqlAssignmentStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> recordAnnounced(AssignmentRecord assignment, ChallengeRecord challenge) {
        Tuple values = Tuple.tuple()
                .addString(assignment.tenant())
                .addString(assignment.assignmentId())
                .addString(assignment.deviceId())
                .addString(assignment.profileId())
                .addString(assignment.authorityId())
                .addInteger(assignment.renewalThresholdPercent())
                .addValue(timestamp(Instant.now()))
                .addValue(timestamp(assignment.assignedAt()));
        return pool.preparedQuery(UPSERT_ACTIVE_WITH_CHALLENGE).execute(SqlChallengeStore.addValues(values, challenge))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Uni<Void> end(String tenant, String assignmentId, String deviceId, Instant at) {
        return pool.preparedQuery(END).execute(Tuple.of(tenant, assignmentId, timestamp(at), deviceId))
                .replaceWithVoid();
    }

    @Override
    public Uni<AssignmentRecord> find(String tenant, String assignmentId, String deviceId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(tenant, assignmentId, deviceId))
                .map(rows -> rows.rowCount() == 0 ? null : toRecord(rows.iterator().next()));
    }

    private static AssignmentRecord toRecord(Row row) {
        return new AssignmentRecord(row.getString("tenant"), row.getString("assignment_id"),
                row.getString("device_id"), row.getString("profile_id"), row.getString("authority_id"),
                row.getInteger("renewal_threshold_percent"), instant(row, "ended_at"), instant(row, "assigned_at"));
    }
}
