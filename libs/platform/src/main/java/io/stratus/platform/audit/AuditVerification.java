package io.stratus.platform.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result of checking a tenant's audit chain: valid with the number of records, or the first bad sequence and
 * whether a record was {@code changed} or is {@code missing}. {@code next}: valid so far, and the chain goes on after
 * this sequence (the {@code after} of the next call); null once the check reached the chain's head. {@code checkpoint}:
 * once the head was reached, how the chain compares with the newest record published on the audit topic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean valid, long records, Long firstBadSequence, String problem, Long next,
        Checkpoint checkpoint) {

    /**
     * The comparison with the audit topic: {@code matched} (the chain holds the topic's newest record, same hash),
     * {@code ahead} (the topic holds a later record than the chain's head: records were removed), {@code differs}
     * (the chain's record of that sequence has another hash), {@code none} (no record of the tenant on the topic yet),
     * {@code unsealed} (the topic's newest record carries no valid seal, so it is not compared), {@code unavailable}
     * (the topic could not be read; the chain was checked without it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String status, Long sequence) {
    }

    /** This result with the topic comparison's outcome. */
    public AuditVerification with(Checkpoint comparison) {
        return new AuditVerification(valid, records, firstBadSequence, problem, next, comparison);
    }

    public static final String CHANGED = "changed";
    public static final String MISSING = "missing";

    public static AuditVerification ok(long records) {
        return new AuditVerification(true, records, null, null, null, null);
    }

    /** Valid up to {@code next}, where this call's limit ended it. */
    public static AuditVerification okSoFar(long records, long next) {
        return new AuditVerification(true, records, null, null, next, null);
    }

    public static AuditVerification bad(long records, long sequence, String problem) {
        return new AuditVerification(false, records, sequence, problem, null, null);
    }
}
