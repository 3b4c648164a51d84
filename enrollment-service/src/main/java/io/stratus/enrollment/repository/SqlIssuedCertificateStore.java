package io.stratus.enrollment.repository;

import static io.stratus.platform.sql.SqlValues.bytes;
import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.IssuedCertificate;
import io.stratus.enrollment.service.IssuedCertificateStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The handed-out certificates in table {@code issued_certificate} (written with their transaction's outcome by
 * {@link SqlEnrollmentStore#completeIssued}), one prepared statement per call.
 */
@ApplicationScoped
public class SqlIssuedCertificateStore implements IssuedCertificateStore {

    private static final String FIND = "select authority_id, serial_number, tenant, device_id, transaction_id,"
            + " subject_dn, certificate_der, not_after, revoked_at from issued_certificate"
            + " where authority_id = $1 and serial_number = $2";

    private static final String REVOKE = "update issued_certificate set revoked_at = $1, revocation_reason = $2"
            + " where authority_id = $3 and serial_number = $4 and revoked_at is null";

    private final Pool pool;

    public SqlIssuedCertificateStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<IssuedCertificate> find(String authorityId, String serialNumber) {
        return pool.preparedQuery(FIND).execute(Tuple.of(authorityId, serialNumber))
                .map(rows -> rows.rowCount() == 0 ? null : toCertificate(rows.iterator().next()));
    }

    @Override
    public Uni<Integer> revoke(String authorityId, String serialNumber, Instant revokedAt, String reason) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(timestamp(revokedAt), reason, authorityId, serialNumber))
                .map(rows -> rows.rowCount());
    }

    private static IssuedCertificate toCertificate(Row row) {
        return new IssuedCertificate(row.getString("authority_id"), row.getString("serial_number"),
                row.getString("tenant"), row.getString("device_id"), row.getString("transaction_id"),
                row.getString("subject_dn"), bytes(row, "certificate_der"), instant(row, "not_after"),
                instant(row, "revoked_at"));
    }
}
