package io.stratus.profile.repository;

import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.DeploymentStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the CA did with a device's request, written into the device's row of {@code device_assignment}: one prepared
 * statement per outcome event (the consumer sees one per enrollment; the admin APIs stay on Hibernate). Both
 * updates change nothing when the row already says the same, so a repeated event is harmless.
 */
@ApplicationScoped
public class SqlDeploymentOutcomeStore {

    /**
     * A new certificate on a SUCCEEDED row replaces the one it held: that one is counted superseded. A certificate
     * that ends before the one the row holds never replaces it (a replayed older CertificateIssued changes nothing).
     */
    private static final String RECORD_OUTCOME = "update device_assignment set status = $1, serial_number = $2,"
            + " reason = $3, updated_at = $4, not_after = $5, superseded = superseded + case when $1 = 'SUCCEEDED'"
            + " and status = 'SUCCEEDED' and serial_number is not null and serial_number <> $2 then 1 else 0 end"
            + " where tenant = $6 and device_id = $7"
            + " and assignment_id = $8"
            + " and (status <> $1 or serial_number is distinct from $2 or reason is distinct from $3)"
            + " and not ($1 = 'SUCCEEDED' and status = 'SUCCEEDED' and coalesce($5 < not_after, false))";

    private static final String RECORD_REVOCATION = "update device_assignment set status = $1, reason = $2,"
            + " updated_at = $3 where tenant = $4 and device_id = $5 and serial_number = $6"
            + " and (status <> $1 or reason is distinct from $2)";

    private final Pool pool;

    public SqlDeploymentOutcomeStore(Pool pool) {
        this.pool = pool;
    }

    /** @return the number of rows changed (0 when the row is unknown or already says this) */
    public Uni<Integer> recordOutcome(String tenant, String deviceId, String assignmentId, DeploymentStatus status,
            String serialNumber, Instant notAfter, String reason, Instant at) {
        return pool.preparedQuery(RECORD_OUTCOME).execute(Tuple.from(new Object[] {status.name(), serialNumber,
                reason, timestamp(at), timestamp(notAfter), tenant, deviceId, assignmentId}))
                .map(rows -> rows.rowCount());
    }

    /**
     * Marks the row that holds the revoked certificate FAILED with a "certificate revoked" reason (the serial
     * stays, so the report shows which certificate); a later CertificateIssued for the row replaces it.
     *
     * @return the number of rows changed (0 when no row holds that certificate or it is already marked)
     */
    public Uni<Integer> recordRevocation(String tenant, String deviceId, String serialNumber, String reason,
            Instant at) {
        return pool.preparedQuery(RECORD_REVOCATION).execute(Tuple.from(new Object[] {
                DeploymentStatus.FAILED.name(), reason, timestamp(at), tenant, deviceId, serialNumber}))
                .map(rows -> rows.rowCount());
    }
}
