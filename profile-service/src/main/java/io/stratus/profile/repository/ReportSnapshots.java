package io.stratus.profile.repository;

import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The deployment reports' counts over time ({@code report_snapshot}): written by ReportHistory, read by the API. */
@ApplicationScoped
public class ReportSnapshots {

    /** One count of a profile's devices by status. */
    public record Snapshot(Instant takenAt, long succeeded, long pending, long failed, long notApplicable) {
    }

    /** Every profile that has devices, counted in one statement; a second count for the same instant keeps the first. */
    private static final String TAKE = "insert into report_snapshot (tenant, profile_id, taken_at, succeeded, pending,"
            + " failed, not_applicable) select tenant, profile_id, $1,"
            + " count(*) filter (where status = 'SUCCEEDED'), count(*) filter (where status = 'PENDING'),"
            + " count(*) filter (where status = 'FAILED'), count(*) filter (where status = 'NOT_APPLICABLE')"
            + " from device_assignment group by tenant, profile_id on conflict do nothing";

    private static final String DELETE_BEFORE = "delete from report_snapshot where taken_at < $1";

    /** The newest {@code $4} counts since {@code $3}, returned oldest first. */
    private static final String SINCE = "select taken_at, succeeded, pending, failed, not_applicable from"
            + " (select * from report_snapshot where tenant = $1 and profile_id = $2 and taken_at >= $3"
            + " order by taken_at desc limit $4) newest order by taken_at";

    private final Pool pool;

    public ReportSnapshots(Pool pool) {
        this.pool = pool;
    }

    /** Counts every profile's devices as of {@code at}; completes with the number of profiles counted. */
    public Uni<Integer> take(Instant at) {
        return pool.preparedQuery(TAKE).execute(Tuple.of(timestamp(at))).map(rows -> rows.rowCount());
    }

    /** Deletes the counts taken before {@code cutoff}; completes with how many went. */
    public Uni<Integer> deleteBefore(Instant cutoff) {
        return pool.preparedQuery(DELETE_BEFORE).execute(Tuple.of(timestamp(cutoff))).map(rows -> rows.rowCount());
    }

    /** At most {@code limit} counts of the profile taken at or after {@code since} (the newest ones), oldest first. */
    public Uni<List<Snapshot>> since(String tenant, String profileId, Instant since, int limit) {
        return pool.preparedQuery(SINCE).execute(Tuple.of(tenant, profileId, timestamp(since), limit)).map(rows -> {
            List<Snapshot> snapshots = new ArrayList<>();
            for (Row row : rows) {
                snapshots.add(new Snapshot(instant(row, "taken_at"), row.getLong("succeeded"),
                        row.getLong("pending"), row.getLong("failed"), row.getLong("not_applicable")));
            }
            return snapshots;
        });
    }
}
