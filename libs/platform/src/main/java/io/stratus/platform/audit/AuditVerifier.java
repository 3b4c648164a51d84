package io.stratus.platform.audit;

import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;

/**
 * Recomputes a tenant's audit chain page by page: sequences must run 1, 2, 3 ... up to the chain's head, each
 * record must point at the hash of the one before, each stored hash must match the record's fields, and each record
 * and the head must carry their seal ({@link AuditSeal}), which nobody without the audit key can make. The chain is
 * checked as it was when its head was read: records appended while the pages are read (a busy tenant) lie beyond that
 * head and are left for the next verification, instead of looking like a changed last record.
 * <p>
 * One call checks at most {@code limit} records; a longer chain answers {@code next}, the sequence to continue
 * {@code after}. A resumed check starts from that record, whose hash it trusts only once its seal is checked.
 */
public final class AuditVerifier {

    private static final Logger LOG = Logger.getLogger(AuditVerifier.class);

    static final int PAGE = 500;
    static final String MATCHED = "matched";
    static final String AHEAD = "ahead";
    static final String DIFFERS = "differs";
    static final String NONE = "none";
    static final String UNSEALED = "unsealed";
    static final String UNAVAILABLE = "unavailable";
    public static final int DEFAULT_LIMIT = 100_000;
    public static final int MAX_LIMIT = 1_000_000;

    private final AuditTrail records;
    private final AuditSeal seal;
    private final AuditCheckpoints checkpoints;

    public AuditVerifier(AuditTrail records, AuditCheckpoints checkpoints) {
        this.records = records;
        this.seal = records.seal();
        this.checkpoints = checkpoints;
    }

    public Uni<AuditVerification> verify(String tenant) {
        return verify(tenant, null, null);
    }

    /** Checks up to {@code limit} records (default 100,000) after the sequence {@code after} (null: from the first). */
    public Uni<AuditVerification> verify(String tenant, Long after, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + size);
        }
        if (after != null && after < 0) {
            throw ProblemException.badRequest("after must be a sequence number (0 or more)");
        }
        long from = after == null ? 0 : after;
        return records.head(tenant).chain(head -> {
            long headSequence = head == null ? Long.MAX_VALUE : head.lastSequence();
            if (from > headSequence) {
                throw ProblemException.badRequest("after: the chain ends at " + headSequence + ", before " + from);
            }
            return start(tenant, from).map(progress -> {
                progress.until = Math.min(headSequence, from + size);
                return progress;
            }).chain(progress -> progress.problem != null ? Uni.createFrom().item(progress.problem)
                    : finish(tenant, progress, head, headSequence));
        });
    }

    private Uni<AuditVerification> finish(String tenant, Progress progress, AuditHead head, long headSequence) {
        return verifyFrom(tenant, progress).chain(problem -> {
            if (problem != null) {
                return Uni.createFrom().item(problem);
            }
            if (progress.lastSequence < headSequence && progress.lastSequence >= progress.until) {
                return Uni.createFrom().item(AuditVerification.okSoFar(progress.count, progress.lastSequence));
            }
            AuditVerification atHead = atHead(tenant, progress, head, true);
            // without a head (removed by someone with every right) the chain ends at its last record, and the topic
            // still tells whether records after it existed
            return atHead.valid() ? againstCheckpoint(tenant, progress.lastSequence, atHead)
                    : Uni.createFrom().item(atHead);
        });
    }

    /**
     * A chain valid up to its sealed head is compared with the newest record on the audit topic, kept outside the
     * database: a sealed one beyond the head means records were removed and the head moved back onto an older,
     * genuine value (a replayed head) or the head itself was removed; one whose hash differs from the chain's record
     * means the chain was replaced. {@code chainEnd}: the last sequence verified, which is the head's as read when
     * the verification started.
     */
    public Uni<AuditVerification> againstCheckpoint(String tenant, long chainEnd, AuditVerification valid) {
        return checkpoints.newest(tenant, records.service(),
                        checkpoint -> seal.sealsRecord(checkpoint.mac(), tenant, checkpoint.sequence(), checkpoint.hash()))
                .chain(checkpoint -> compare(tenant, chainEnd, valid, checkpoint))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("audit verification of tenant %s: the audit topic could not be read (%s); checked"
                            + " without its checkpoint", tenant, failure.toString());
                    return valid.with(new AuditVerification.Checkpoint(UNAVAILABLE, null));
                });
    }

    private Uni<AuditVerification> compare(String tenant, long chainEnd, AuditVerification valid,
            AuditCheckpoint checkpoint) {
        if (checkpoint == null) {
            return Uni.createFrom().item(valid.with(new AuditVerification.Checkpoint(NONE, null)));
        }
        long sequence = checkpoint.sequence();
        if (!seal.sealsRecord(checkpoint.mac(), tenant, sequence, checkpoint.hash())) {
            return Uni.createFrom().item(valid.with(new AuditVerification.Checkpoint(UNSEALED, sequence)));
        }
        if (sequence > chainEnd) {
            return records.head(tenant).chain(current -> movedOnSince(tenant, current, sequence)
                    ? recordMatches(tenant, checkpoint).map(same -> same
                            ? valid.with(new AuditVerification.Checkpoint(MATCHED, sequence))
                            : ahead(valid, chainEnd, sequence))
                    : Uni.createFrom().item(ahead(valid, chainEnd, sequence)));
        }
        return recordMatches(tenant, checkpoint).map(same -> same
                ? valid.with(new AuditVerification.Checkpoint(MATCHED, sequence))
                : AuditVerification.bad(valid.records(), sequence, AuditVerification.CHANGED)
                        .with(new AuditVerification.Checkpoint(DIFFERS, sequence)));
    }

    /**
     * Whether the chain's head, read again now under its seal, has reached {@code sequence}: records were appended
     * while this verification ran (a busy tenant), so a checkpoint beyond the head it started from is no sign of
     * removed records. A replayed or removed head has not (a head only moves forward: a trigger refuses anything else).
     */
    private boolean movedOnSince(String tenant, AuditHead current, long sequence) {
        return current != null && current.lastSequence() >= sequence
                && seal.sealsHead(current.mac(), tenant, current.lastSequence(), current.lastHash());
    }

    private static AuditVerification ahead(AuditVerification valid, long chainEnd, long sequence) {
        return AuditVerification.bad(valid.records(), chainEnd + 1, AuditVerification.MISSING)
                .with(new AuditVerification.Checkpoint(AHEAD, sequence));
    }

    /** Whether the chain holds the checkpoint's record with the checkpoint's hash. */
    private Uni<Boolean> recordMatches(String tenant, AuditCheckpoint checkpoint) {
        long sequence = checkpoint.sequence();
        return records.page(tenant, sequence - 1, 1).map(found -> !found.isEmpty()
                && found.get(0).sequence() == sequence && found.get(0).hash().equals(checkpoint.hash()));
    }

    /**
     * Verifies the chain up to a head the caller read earlier ({@code sequence}, {@code hash}, whose seal it checked;
     * {@code null} hash: the tenant had no head, every record is read): records after it are not looked at.
     */
    public Uni<AuditVerification> verifyUpTo(String tenant, long sequence, String hash) {
        Progress progress = new Progress();
        progress.until = sequence;
        AuditHead given = hash == null ? null : new AuditHead(tenant, sequence, hash, null);
        return verifyFrom(tenant, progress)
                .map(problem -> problem != null ? problem : atHead(tenant, progress, given, false));
    }

    /** Where a check starts: the genesis, or the sealed record {@code after}. */
    private Uni<Progress> start(String tenant, long after) {
        Progress progress = new Progress();
        if (after == 0) {
            return Uni.createFrom().item(progress);
        }
        return records.page(tenant, after - 1, 1).map(found -> {
            AuditRecord record = found.isEmpty() ? null : found.get(0);
            if (record == null || record.sequence() != after) {
                throw ProblemException.badRequest("after: the tenant's audit log has no record " + after);
            }
            if (!seal.sealsRecord(record)) {
                progress.problem = AuditVerification.bad(after - 1, after, AuditVerification.CHANGED);
            }
            progress.lastSequence = after;
            progress.lastHash = record.hash();
            progress.count = after;
            return progress;
        });
    }

    /** Checks pages until {@code progress.until}; completes with the first problem, or null. */
    private Uni<AuditVerification> verifyFrom(String tenant, Progress progress) {
        int want = (int) Math.min(PAGE, Math.max(1, progress.until - progress.lastSequence));
        return records.page(tenant, progress.lastSequence, want).chain(page -> {
            AuditVerification problem = check(tenant, page, progress);
            if (problem != null) {
                return Uni.createFrom().item(problem);
            }
            if (page.size() == want && progress.lastSequence < progress.until) {
                return verifyFrom(tenant, progress);
            }
            return Uni.createFrom().nullItem();
        });
    }

    /** The first problem in this page, or null. */
    private AuditVerification check(String tenant, List<AuditRecord> page, Progress progress) {
        for (AuditRecord record : page) {
            if (record.sequence() > progress.until) {
                return null; // appended after the head was read, or beyond this call's limit
            }
            long expected = progress.lastSequence + 1;
            if (record.sequence() != expected) {
                return AuditVerification.bad(progress.count, expected, AuditVerification.MISSING);
            }
            if (!record.previousHash().equals(progress.lastHash)) {
                // the record before was rewritten together with its hash: the link to it is broken
                return AuditVerification.bad(progress.count, record.sequence() - 1, AuditVerification.CHANGED);
            }
            if (!seal.sealsRecord(record)) {
                return AuditVerification.bad(progress.count, record.sequence(), AuditVerification.CHANGED);
            }
            progress.lastSequence = record.sequence();
            progress.lastHash = record.hash();
            progress.count++;
        }
        return null;
    }

    /**
     * The chain must end where its sealed head says: otherwise the last records were deleted, the last one changed,
     * or (records intact up to a head without its seal) the head was moved back by someone without the audit key.
     */
    private AuditVerification atHead(String tenant, Progress progress, AuditHead head, boolean sealed) {
        long headSequence = head == null ? 0 : head.lastSequence();
        if (headSequence > progress.lastSequence) {
            return AuditVerification.bad(progress.count, progress.lastSequence + 1, AuditVerification.MISSING);
        }
        if (head != null && !head.lastHash().equals(progress.lastHash)) {
            return AuditVerification.bad(progress.count, progress.lastSequence, AuditVerification.CHANGED);
        }
        if (sealed && headSequence > 0 && !seal.sealsHead(head.mac(), tenant, head.lastSequence(), head.lastHash())) {
            return AuditVerification.bad(progress.count, headSequence + 1, AuditVerification.MISSING);
        }
        return AuditVerification.ok(progress.count);
    }

    private static final class Progress {
        long until;
        long lastSequence;
        String lastHash = AuditChain.GENESIS_HASH;
        long count;
        AuditVerification problem;
    }
}
