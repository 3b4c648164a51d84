package io.stratus.enrollment.repository;

import static io.stratus.platform.sql.SqlValues.bytea;
import static io.stratus.platform.sql.SqlValues.bytes;
import static io.stratus.platform.sql.SqlValues.instant;
import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs;
import io.stratus.enrollment.mapping.PolicyJson;
import io.stratus.enrollment.service.Enrollment;
import io.stratus.enrollment.service.EnrollmentKind;
import io.stratus.enrollment.service.EnrollmentStatus;
import io.stratus.enrollment.service.EnrollmentStore;
import io.stratus.enrollment.service.TransactionKey;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SCEP transactions in table {@code enrollment}, through prepared statements on the reactive PostgreSQL
 * client: every call is one statement, or one transaction of two, on the issuance path.
 */
@ApplicationScoped
public class SqlEnrollmentStore implements EnrollmentStore {

    private static final String COLUMNS = "transaction_id, tenant, authority_id, device_id, challenge_id, kind,"
            + " assignment_id, profile_id, policy::text as policy, renewed_serial, status, certificate_der,"
            + " reject_reason, requester_key, created_at, assigned_at";

    private static final String FIND = "select " + COLUMNS + " from enrollment where authority_id = $1"
            + " and transaction_id = $2";

    private static final String INSERT = "insert into enrollment (transaction_id, tenant, authority_id, device_id,"
            + " challenge_id, kind, assignment_id, profile_id, policy, renewed_serial, status, public_key_der, relayed_at,"
            + " created_at, updated_at, requester_key, assigned_at) values ($1, $2, $3, $4, $5, $6, $7, $8,"
            + " $9::text::jsonb, $10, 'PENDING', $11, $12, $12, $12, $13, $14)"
            + " on conflict (authority_id, transaction_id) do nothing";

    private static final String CLAIM_CHALLENGE = "update challenge set used_at = $1 where id = $2"
            + " and used_at is null and voided_at is null and expires_at > $1";

    private static final String CLAIM_RENEWAL = "insert into renewal_claim (authority_id, serial_number,"
            + " transaction_id) values ($1, $2, $3) on conflict do nothing";

    private static final String RELEASE_RENEWAL = "delete from renewal_claim where authority_id = $1"
            + " and transaction_id = $2";

    /** Rows opened before V7 kept the CSR instead of the key: the key is read from it ({@link #keyToRelay}). */
    private static final String CLAIM_RELAY = "update enrollment set relayed_at = $1 where authority_id = $4"
            + " and transaction_id = $2 and status = 'PENDING' and (public_key_der is not null or csr_der is not null)"
            + " and (relayed_at is null or relayed_at < $3) returning public_key_der, csr_der";

    /**
     * Completes a PENDING transaction of the tenant and returns it; a transaction completed already is returned
     * as stored (the second branch reads the row as it was before this statement, so it is empty whenever the
     * first one updated). The key to relay goes with the outcome, and so does the CSR of a row opened before V7 (it
     * holds the challengePassword).
     */
    private static final String COMPLETE = "with completed as (update enrollment set status = $3,"
            + " certificate_der = $4, reject_reason = $5, csr_der = null, public_key_der = null, updated_at = $6"
            + " where authority_id = $7 and transaction_id = $1 and tenant = $2 and status = 'PENDING'"
            + " returning " + COLUMNS + ")"
            + " select * from completed union all select " + COLUMNS + " from enrollment"
            + " where authority_id = $7 and transaction_id = $1 and tenant = $2"
            + " and not exists (select 1 from completed)";

    /** The certificate of a transaction of the tenant, recorded as handed out unless it is known already. */
    private static final String HAND_OUT = "insert into issued_certificate (authority_id, serial_number, tenant,"
            + " device_id, transaction_id, subject_dn, certificate_der, not_after, created_at)"
            + " select authority_id, $3, tenant, device_id, transaction_id, $4, $5, $6, $7 from enrollment"
            + " where authority_id = $8 and transaction_id = $1 and tenant = $2 on conflict do nothing";

    /**
     * The PostgreSQL notification channel on which every completed transaction is announced
     * ({@link TransactionKey#announced()}), at the commit
     * of its outcome: the replica whose request waits for it may not be the one that consumed the CA's answer.
     */
    public static final String OUTCOME_CHANNEL = "stratus_enrollment_outcome";

    private static final String NOTIFY_OUTCOME = "select pg_notify('" + OUTCOME_CHANNEL + "', $1)";

    private static final String RELAY_FAILED = "update enrollment set relayed_at = null where authority_id = $1"
            + " and transaction_id = $2 and status = 'PENDING'";

    /** Rolls back {@link #open} when the challenge, or the certificate to renew, was taken meanwhile. */
    private static final class Unavailable extends RuntimeException {
        final OpenResult result;

        Unavailable(OpenResult result) {
            super(result.name(), null, false, false);
            this.result = result;
        }
    }

    private final Pool pool;

    public SqlEnrollmentStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Enrollment> find(TransactionKey key) {
        return pool.preparedQuery(FIND).execute(Tuple.of(key.authorityId(), key.transactionId()))
                .map(SqlEnrollmentStore::first);
    }

    @Override
    public Uni<OpenResult> open(Enrollment pending, byte[] publicKeyDer) {
        Instant now = pending.openedAt();
        return pool.withTransaction(connection -> insert(connection, pending, publicKeyDer, now).chain(inserted -> {
            if (!inserted) {
                return Uni.createFrom().item(OpenResult.DUPLICATE_TRANSACTION);
            }
            if (pending.renewedSerial() != null) {
                return claim(connection, CLAIM_RENEWAL, Tuple.of(pending.authorityId(), pending.renewedSerial(),
                        pending.transactionId()), OpenResult.RENEWED_ALREADY);
            }
            if (pending.challengeId() == null) {
                // a static challenge: nothing to claim
                return Uni.createFrom().item(OpenResult.OPENED);
            }
            return claim(connection, CLAIM_CHALLENGE, Tuple.of(timestamp(now), pending.challengeId()),
                    OpenResult.CHALLENGE_UNAVAILABLE);
        })).onFailure(Unavailable.class).recoverWithItem(failure -> ((Unavailable) failure).result);
    }

    /** Runs a claim that changes one row when it succeeds; otherwise rolls the transaction back with {@code taken}. */
    private static Uni<OpenResult> claim(SqlConnection connection, String statement, Tuple values, OpenResult taken) {
        return connection.preparedQuery(statement).execute(values).map(claimed -> {
            if (claimed.rowCount() == 0) {
                throw new Unavailable(taken);
            }
            return OpenResult.OPENED;
        });
    }

    private static Uni<Boolean> insert(SqlConnection connection, Enrollment pending, byte[] publicKeyDer,
            Instant now) {
        Tuple values = Tuple.tuple()
                .addString(pending.transactionId())
                .addString(pending.tenant())
                .addString(pending.authorityId())
                .addString(pending.deviceId())
                .addString(pending.challengeId())
                .addString(pending.kind().name())
                .addString(pending.assignmentId())
                .addString(pending.profileId())
                .addString(pending.policy() == null ? null : PolicyJson.write(pending.policy()))
                .addString(pending.renewedSerial())
                .addValue(bytea(publicKeyDer))
                .addValue(timestamp(now))
                .addValue(bytea(pending.requesterKey()))
                .addValue(timestamp(pending.assignedAt()));
        // a concurrent request with the same transaction id inserted first: nothing changes
        return connection.preparedQuery(INSERT).execute(values).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Uni<byte[]> claimRelay(TransactionKey key, Instant relayedBefore, Instant now) {
        // one conditional update: of concurrent polls, only the one that moves relayed_at gets the key
        return pool.preparedQuery(CLAIM_RELAY)
                .execute(Tuple.of(timestamp(now), key.transactionId(), timestamp(relayedBefore), key.authorityId()))
                .map(rows -> rows.rowCount() == 0 ? null : keyToRelay(rows.iterator().next()));
    }

    private static byte[] keyToRelay(Row row) {
        byte[] publicKey = bytes(row, "public_key_der");
        return publicKey != null ? publicKey : Csrs.parse(bytes(row, "csr_der")).publicKey().getEncoded();
    }

    @Override
    public Uni<Enrollment> complete(String tenant, TransactionKey key, EnrollmentStatus status,
            String rejectReason) {
        // a refused renewal frees its certificate for another renewal
        return pool.withTransaction(connection -> complete(connection, tenant, key, status, null,
                rejectReason).call(stored -> stored == null || stored.status() != EnrollmentStatus.REJECTED
                        || stored.renewedSerial() == null
                                ? Uni.createFrom().voidItem()
                                : connection.preparedQuery(RELEASE_RENEWAL)
                                        .execute(Tuple.of(key.authorityId(), key.transactionId()))));
    }

    @Override
    public Uni<Enrollment> completeIssued(String tenant, TransactionKey key, HandedOut certificate) {
        Instant now = Instant.now();
        Tuple handedOut = Tuple.tuple()
                .addString(key.transactionId())
                .addString(tenant)
                .addString(certificate.serialNumber())
                .addString(certificate.subjectDn())
                .addValue(bytea(certificate.der()))
                .addValue(timestamp(certificate.notAfter()))
                .addValue(timestamp(now))
                .addString(key.authorityId());
        return pool.withTransaction(connection -> connection.preparedQuery(HAND_OUT).execute(handedOut)
                .chain(() -> complete(connection, tenant, key, EnrollmentStatus.ISSUED,
                        certificate.der(), null)));
    }

    /** Completes a PENDING transaction and announces it on {@link #OUTCOME_CHANNEL} when the transaction commits. */
    private static Uni<Enrollment> complete(SqlConnection connection, String tenant,
            TransactionKey key, EnrollmentStatus status, byte[] certificateDer, String rejectReason) {
        Tuple values = Tuple.tuple()
                .addString(key.transactionId())
                .addString(tenant)
                .addString(status.name())
                .addValue(bytea(certificateDer))
                .addString(rejectReason)
                .addValue(timestamp(Instant.now()))
                .addString(key.authorityId());
        return connection.preparedQuery(COMPLETE).execute(values).map(SqlEnrollmentStore::first)
                .call(stored -> stored == null ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(NOTIFY_OUTCOME).execute(Tuple.of(key.announced())));
    }

    @Override
    public Uni<Void> relayFailed(TransactionKey key) {
        return pool.preparedQuery(RELAY_FAILED).execute(Tuple.of(key.authorityId(), key.transactionId()))
                .replaceWithVoid();
    }

    private static Enrollment first(RowSet<Row> rows) {
        if (rows.rowCount() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        String policy = row.getString("policy");
        return new Enrollment(row.getString("transaction_id"), row.getString("tenant"),
                row.getString("authority_id"), row.getString("device_id"), row.getString("challenge_id"),
                EnrollmentKind.valueOf(row.getString("kind")), row.getString("assignment_id"),
                row.getString("profile_id"), policy == null ? null : PolicyJson.read(policy),
                row.getString("renewed_serial"), EnrollmentStatus.valueOf(row.getString("status")),
                bytes(row, "certificate_der"), row.getString("reject_reason"), bytes(row, "requester_key"),
                instant(row, "created_at"), instant(row, "assigned_at"));
    }
}
