package io.stratus.enrollment.repository;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.mapping.PolicyJson;
import io.stratus.enrollment.service.ChallengeRecord;
import io.stratus.enrollment.service.ChallengeStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The one-time challenge records in table {@code challenge}, one prepared statement per call. */
@ApplicationScoped
public class SqlChallengeStore implements ChallengeStore {

    /** The columns a new record fills, in the order of {@link #addValues}. */
    private static final int INSERTED_COLUMNS = 13;

    private static final String FIND_BY_HASH = "select id, tenant, device_id, assignment_id, profile_id, authority_id,"
            + " challenge_hash, policy::text as policy, expires_at, used_at, voided_at, assigned_at from challenge"
            + " where challenge_hash = $1";

    private static final String VOID_UNUSED = "update challenge set voided_at = $1 where tenant = $2"
            + " and device_id = $3 and assignment_id = $4 and used_at is null and voided_at is null";

    private final Pool pool;

    public SqlChallengeStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts a new record unless one with its id or hash exists (a replayed event changes nothing), its parameters
     * numbered from {@code $first}: so the statement can follow another in one round trip
     * ({@link SqlAssignmentStore#recordAnnounced}).
     */
    static String insertIfAbsent(int first) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < INSERTED_COLUMNS; i++) {
            values.append(i == 0 ? "" : ", ").append('$').append(first + i).append(i == 7 ? "::text::jsonb" : "");
        }
        return "insert into challenge (id, tenant, device_id, assignment_id, profile_id, authority_id, challenge_hash,"
                + " policy, expires_at, used_at, voided_at, created_at, assigned_at) values (" + values
                + ") on conflict do nothing";
    }

    /** The values of {@link #insertIfAbsent} for {@code record}, appended to {@code tuple}. */
    static Tuple addValues(Tuple tuple, ChallengeRecord record) {
        return tuple.addString(record.id())
                .addString(record.tenant())
                .addString(record.deviceId())
                .addString(record.assignmentId())
                .addString(record.profileId())
                .addString(record.authorityId())
                .addString(record.challengeHash())
                .addString(PolicyJson.write(record.policy()))
                .addValue(timestamp(record.expiresAt()))
                .addValue(timestamp(record.usedAt()))
                .addValue(timestamp(record.voidedAt()))
                .addValue(timestamp(Instant.now()))
                .addValue(timestamp(record.assignedAt()));
    }

    @Override
    public Uni<ChallengeRecord> findByHash(String challengeHash) {
        return pool.preparedQuery(FIND_BY_HASH).execute(Tuple.of(challengeHash))
                .map(rows -> rows.rowCount() == 0 ? null : toChallenge(rows.iterator().next()));
    }

    @Override
    public Uni<Integer> voidUnused(String tenant, String deviceId, String assignmentId, Instant at) {
        return pool.preparedQuery(VOID_UNUSED).execute(Tuple.of(timestamp(at), tenant, deviceId, assignmentId))
                .map(rows -> rows.rowCount());
    }

    private static ChallengeRecord toChallenge(Row row) {
        return new ChallengeRecord(row.getString("id"), row.getString("tenant"), row.getString("device_id"),
                row.getString("assignment_id"), row.getString("profile_id"), row.getString("authority_id"),
                row.getString("challenge_hash"), PolicyJson.read(row.getString("policy")),
                instant(row, "expires_at"), instant(row, "used_at"), instant(row, "voided_at"),
                instant(row, "assigned_at"));
    }
}
