package io.stratus.platform.audit;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;

/**
 * A page of a tenant's audit records as every service's {@code GET .../audit} answers it; {@code next} is the
 * {@code after} of the following page (null: no more).
 */
public record AuditPage(List<Item> items, Long next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** One record as the API shows it. */
    public record Item(String tenant, long sequence, String actor, String action, String target, String outcome,
            Instant at, String previousHash, String hash) {

        static Item of(AuditRecord r) {
            return new Item(r.tenant(), r.sequence(), r.actor(), r.action(), r.target(), r.outcome(), r.at(),
                    r.previousHash(), r.hash());
        }
    }

    /** Up to {@code limit} records (default 100) after the sequence {@code after} (default 0); 400 for bad values. */
    public static Uni<AuditPage> read(AuditTrail trail, String tenant, Long after, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after != null && after < 0) {
            throw ProblemException.badRequest("after must be a sequence number (0 or more)");
        }
        return trail.page(tenant, after == null ? 0 : after, size)
                .map(page -> new AuditPage(page.stream().map(Item::of).toList(),
                        page.size() < size ? null : page.get(page.size() - 1).sequence()));
    }
}
