package io.stratus.ca.service.audit;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuditRecordEntity;
import io.stratus.ca.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recomputes a tenant's audit chain page by page: sequences must run 1, 2, 3 ... up to the chain's head, each
 * record must point at the hash of the one before, each stored hash must match the record's fields, and each record
 * and the head must carry their seal ({@link AuditSeal}), which nobody without the audit key can make. The chain is
 * checked as it was when its head was read: records appended while the pages are read (a busy tenant) lie beyond that
 * head and are left for the next verification, instead of looking like a changed last record.
 */
@ApplicationScoped
public class AuditVerifier {

    static final int PAGE = 500;

    private final AuditRepository records;
    private final AuditSeal seal;

    public AuditVerifier(AuditRepository records, AuditSeal seal) {
        this.records = records;
        this.seal = seal;
    }

    public Uni<AuditVerification> verify(String tenant) {
        return Panache.withSession(() -> records.head(tenant).chain(head -> {
            if (head == null) {
                return verifyUpTo(tenant, Long.MAX_VALUE, null);
            }
            boolean headSealed = head.lastSequence == 0
                    || seal.sealsHead(head.mac, tenant, head.lastSequence, head.lastHash);
            // records intact up to a head without its seal: the chain's end was moved back (the records after it
            // removed) by someone without the audit key
            return verifyUpTo(tenant, head.lastSequence, head.lastHash).map(result -> result.valid() && !headSealed
                    ? AuditVerification.bad(result.records(), head.lastSequence + 1, AuditVerification.MISSING)
                    : result);
        }));
    }

    /**
     * Verifies the chain up to a head read earlier ({@code sequence}, {@code hash}; {@code null} hash: the tenant had
     * no head, every record is read): records after it are not looked at.
     */
    public Uni<AuditVerification> verifyUpTo(String tenant, long sequence, String hash) {
        Progress progress = new Progress(sequence);
        return Panache.withSession(() -> verifyFrom(tenant, progress, hash == null ? null : new Head(sequence, hash)));
    }

    private record Head(long lastSequence, String lastHash) {
    }

    private Uni<AuditVerification> verifyFrom(String tenant, Progress progress, Head head) {
        return records.page(tenant, progress.lastSequence, PAGE).chain(page -> {
            AuditVerification problem = check(tenant, page, progress);
            if (problem != null) {
                return Uni.createFrom().item(problem);
            }
            if (page.size() == PAGE && progress.lastSequence < progress.until) {
                return records.getSession().invoke(session -> session.clear())
                        .chain(() -> verifyFrom(tenant, progress, head));
            }
            return Uni.createFrom().item(atHead(progress, head));
        });
    }

    /** The first problem in this page, or null. */
    private AuditVerification check(String tenant, List<AuditRecordEntity> page, Progress progress) {
        for (AuditRecordEntity record : page) {
            if (record.sequence > progress.until) {
                return null; // appended after the head was read
            }
            long expected = progress.lastSequence + 1;
            if (record.sequence != expected) {
                return AuditVerification.bad(progress.count, expected, AuditVerification.MISSING);
            }
            if (!record.previousHash.equals(progress.lastHash)) {
                // the record before was rewritten together with its hash: the link to it is broken
                return AuditVerification.bad(progress.count, record.sequence - 1, AuditVerification.CHANGED);
            }
            if (!AuditChain.hash(record).equals(record.hash)
                    || !seal.sealsRecord(record.mac, tenant, record.sequence, record.hash)) {
                return AuditVerification.bad(progress.count, record.sequence, AuditVerification.CHANGED);
            }
            progress.lastSequence = record.sequence;
            progress.lastHash = record.hash;
            progress.count++;
        }
        return null;
    }

    /** The chain must end where its head says: otherwise the last records were deleted or the last one changed. */
    private static AuditVerification atHead(Progress progress, Head head) {
        long headSequence = head == null ? 0 : head.lastSequence;
        if (headSequence > progress.lastSequence) {
            return AuditVerification.bad(progress.count, progress.lastSequence + 1, AuditVerification.MISSING);
        }
        if (head != null && !head.lastHash.equals(progress.lastHash)) {
            return AuditVerification.bad(progress.count, progress.lastSequence, AuditVerification.CHANGED);
        }
        return AuditVerification.ok(progress.count);
    }

    private static final class Progress {
        final long until;
        long lastSequence;
        String lastHash = AuditChain.GENESIS_HASH;
        long count;

        Progress(long until) {
            this.until = until;
        }
    }
}
