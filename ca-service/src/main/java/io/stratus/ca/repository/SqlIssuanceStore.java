package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.bytea;
import static io.stratus.platform.sql.SqlValues.bytes;
import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CertificateStatus;
import io.stratus.ca.entity.IssuedCertificateEntity;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.RequestPurpose;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What answering a certificate request reads and writes, as prepared statements of the PostgreSQL client (the
 * issuance path runs once per enrollment; the admin APIs stay on Hibernate): the certificate stored for a
 * transaction, the columns of a CA that signing needs, and storing a new certificate with its audit record.
 */
@ApplicationScoped
public class SqlIssuanceStore {

    private static final String CERTIFICATE_COLUMNS = "id, tenant, authority_id, serial_hex, key_generation,"
            + " transaction_id, device_id, assignment_id, profile_id, purpose, subject_dn, not_before, not_after,"
            + " certificate_der, status, revoked_at, revocation_reason, created_at, requested_at, assigned_at, renewal_due_at, sha1, sha256";

    private static final String FIND_BY_TRANSACTION = "select " + CERTIFICATE_COLUMNS
            + " from issued_certificate where authority_id = $1 and transaction_id = $2";

    /** Without the CRL, the CSR and the external chain: only what signing and its checks read. */
    private static final String FIND_SIGNING_AUTHORITY = "select id, tenant, kind, status, deleted_at, ekus,"
            + " not_before, not_after, certificate_pem, key_algorithm, key_reference, key_protection, generation,"
            + " key_generation"
            + " from authority where id = $1";

    /** Held until commit: a pause, revocation or deletion of the CA waits for this certificate, or wins before. */
    private static final String LOCK_AUTHORITY = "select id, status, deleted_at from authority where id = $1"
            + " for share";

    private static final String MARK_SUPERSEDED = "update issued_certificate set superseded_by = $5,"
            + " superseded_at = $6 where tenant = $1 and authority_id = $2 and device_id = $3 and serial_hex = $4"
            + " and purpose = 'DEVICE' and superseded_by is null";

    private static final String INSERT = "insert into issued_certificate (" + CERTIFICATE_COLUMNS + ", sans_stored)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
            + " $22, $23, true)";

    /** The certificate's SAN values for the inventory search (SanSearch), in the storing transaction. */
    public static final String INSERT_SANS = "insert into certificate_san (certificate_id, value)"
            + " select $1, unnest($2::varchar[]) on conflict do nothing";

    private final Pool pool;
    private final SqlAuditLog audit;

    public SqlIssuanceStore(Pool pool, SqlAuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** The certificate the CA issued for the transaction id (unique per CA, not across CAs), or null. */
    public Uni<IssuedCertificateEntity> findByTransaction(String authorityId, String transactionId) {
        return pool.preparedQuery(FIND_BY_TRANSACTION).execute(Tuple.of(authorityId, transactionId))
                .map(SqlIssuanceStore::single).map(row -> row == null ? null : toCertificate(row));
    }

    /**
     * Marks the device's certificate {@code serialHex} of the CA superseded by {@code successorSerial}, unless it is
     * marked already (a redelivered request changes nothing); completes with whether it marked it.
     */
    public Uni<Boolean> markSuperseded(String tenant, String authorityId, String deviceId, String serialHex,
            String successorSerial, Instant at) {
        return pool.preparedQuery(MARK_SUPERSEDED)
                .execute(Tuple.of(tenant, authorityId, deviceId, serialHex, successorSerial, timestamp(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The CA with the fields signing needs (a detached value, never written back), or null. */
    public Uni<AuthorityEntity> findSigningAuthority(String id) {
        return pool.preparedQuery(FIND_SIGNING_AUTHORITY).execute(Tuple.of(id))
                .map(SqlIssuanceStore::single).map(row -> row == null ? null : toSigningAuthority(row));
    }

    /**
     * Stores the certificate with the SAN values it is searched by ({@code sanValues}, as SanSearch makes them) and
     * appends {@code CERTIFICATE_ISSUED} to its tenant's audit log, in one transaction that holds a share lock on the CA; {@code stillUsable} sees the CA's id, status and deletion under that lock
     * (null if the row is gone) and throws to store nothing. A second certificate for the transaction id fails on
     * {@code issued_certificate_transaction_uq}.
     */
    public Uni<Void> storeIssued(IssuedCertificateEntity row, String[] sanValues,
            Consumer<AuthorityEntity> stillUsable) {
        return pool.withTransaction(transaction -> transaction.preparedQuery(LOCK_AUTHORITY)
                .execute(Tuple.of(row.authorityId))
                .map(SqlIssuanceStore::single)
                .invoke(locked -> stillUsable.accept(locked == null ? null : toLockedAuthority(locked)))
                .chain(() -> transaction.preparedQuery(INSERT).execute(insertValues(row)))
                .chain(() -> sanValues.length == 0 ? Uni.createFrom().voidItem()
                        : transaction.preparedQuery(INSERT_SANS).execute(Tuple.of(row.id, sanValues)).replaceWithVoid())
                .chain(() -> audit.append(transaction, row.tenant, AuditLog.SYSTEM, "CERTIFICATE_ISSUED",
                        "certificate:" + row.authorityId + "/" + row.serialHex, AuditLog.SUCCESS)));
    }

    private static Row single(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? null : rows.iterator().next();
    }

    private static Tuple insertValues(IssuedCertificateEntity row) {
        return Tuple.from(new Object[] {row.id, row.tenant, row.authorityId, row.serialHex, row.keyGeneration,
                row.transactionId, row.deviceId, row.assignmentId, row.profileId, row.purpose.name(), row.subjectDn,
                timestamp(row.notBefore), timestamp(row.notAfter), bytea(row.certificateDer), row.status.name(),
                timestamp(row.revokedAt), row.revocationReason, timestamp(row.createdAt), timestamp(row.requestedAt),
                timestamp(row.assignedAt), timestamp(row.renewalDueAt), bytea(row.sha1), bytea(row.sha256)});
    }

    private static IssuedCertificateEntity toCertificate(Row row) {
        IssuedCertificateEntity certificate = new IssuedCertificateEntity();
        certificate.id = row.getString("id");
        certificate.tenant = row.getString("tenant");
        certificate.authorityId = row.getString("authority_id");
        certificate.serialHex = row.getString("serial_hex");
        certificate.keyGeneration = row.getInteger("key_generation");
        certificate.transactionId = row.getString("transaction_id");
        certificate.deviceId = row.getString("device_id");
        certificate.assignmentId = row.getString("assignment_id");
        certificate.profileId = row.getString("profile_id");
        certificate.purpose = RequestPurpose.valueOf(row.getString("purpose"));
        certificate.subjectDn = row.getString("subject_dn");
        certificate.notBefore = instant(row, "not_before");
        certificate.notAfter = instant(row, "not_after");
        certificate.certificateDer = bytes(row, "certificate_der");
        certificate.status = CertificateStatus.valueOf(row.getString("status"));
        certificate.revokedAt = instant(row, "revoked_at");
        certificate.revocationReason = row.getString("revocation_reason");
        certificate.createdAt = instant(row, "created_at");
        certificate.requestedAt = instant(row, "requested_at");
        certificate.assignedAt = instant(row, "assigned_at");
        certificate.renewalDueAt = instant(row, "renewal_due_at");
        certificate.sha1 = bytes(row, "sha1");
        certificate.sha256 = bytes(row, "sha256");
        return certificate;
    }

    private static AuthorityEntity toSigningAuthority(Row row) {
        AuthorityEntity authority = toLockedAuthority(row);
        authority.tenant = row.getString("tenant");
        authority.kind = AuthorityKind.valueOf(row.getString("kind"));
        authority.ekus = row.getString("ekus");
        authority.notBefore = instant(row, "not_before");
        authority.notAfter = instant(row, "not_after");
        authority.certificatePem = row.getString("certificate_pem");
        authority.keyAlgorithm = row.getString("key_algorithm");
        authority.keyReference = bytes(row, "key_reference");
        authority.keyProtection = row.getString("key_protection");
        authority.generation = row.getInteger("generation");
        authority.keyGeneration = row.getInteger("key_generation");
        return authority;
    }

    private static AuthorityEntity toLockedAuthority(Row row) {
        AuthorityEntity authority = new AuthorityEntity();
        authority.id = row.getString("id");
        authority.status = AuthorityStatus.valueOf(row.getString("status"));
        authority.deletedAt = instant(row, "deleted_at");
        return authority;
    }
}
