package io.stratus.ca.service.audit;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuditHeadEntity;
import io.stratus.ca.entity.AuditRecordEntity;
import io.stratus.ca.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recomputes a tenant's audit chain page by page: sequences must run 1, 2, 3 ... up to the chain's head, each
 * record must point at the hash of the one before, and each stored hash must match the record's fields.
 */
@ApplicationScoped
public class AuditVerifier {

    static final int PAGE = 500;

    private final AuditRepository records;

    public AuditVerifier(AuditRepository records) {
        this.records = records;
    }

    public Uni<AuditVerification> verify(String tenant) {
        return Panache.withSession(() -> records.head(tenant)
                .chain(head -> verifyFrom(tenant, new Progress(), head)));
    }

    private Uni<AuditVerification> verifyFrom(String tenant, Progress progress, AuditHeadEntity head) {
        return records.page(tenant, progress.lastSequence, PAGE).chain(page -> {
            AuditVerification problem = check(page, progress);
            if (problem != null) {
                return Uni.createFrom().item(problem);
            }
            if (page.size() == PAGE) {
                return records.getSession().invoke(session -> session.clear())
                        .chain(() -> verifyFrom(tenant, progress, head));
            }
            return Uni.createFrom().item(atHead(progress, head));
        });
    }

    /** The first problem in this page, or null. */
    private static AuditVerification check(List<AuditRecordEntity> page, Progress progress) {
        for (AuditRecordEntity record : page) {
            long expected = progress.lastSequence + 1;
            if (record.sequence != expected) {
                return AuditVerification.bad(progress.count, expected, AuditVerification.MISSING);
            }
            if (!record.previousHash.equals(progress.lastHash)) {
                // the record before was rewritten together with its hash: the link to it is broken
                return AuditVerification.bad(progress.count, record.sequence - 1, AuditVerification.CHANGED);
            }
            if (!AuditChain.hash(record).equals(record.hash)) {
                return AuditVerification.bad(progress.count, record.sequence, AuditVerification.CHANGED);
            }
            progress.lastSequence = record.sequence;
            progress.lastHash = record.hash;
            progress.count++;
        }
        return null;
    }

    /** The chain must end where its head says: otherwise the last records were deleted or the last one changed. */
    private static AuditVerification atHead(Progress progress, AuditHeadEntity head) {
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
        long lastSequence;
        String lastHash = AuditChain.GENESIS_HASH;
        long count;
    }
}
