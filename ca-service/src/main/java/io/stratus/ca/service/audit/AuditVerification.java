package io.stratus.ca.service.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result of checking a tenant's audit chain: valid with the number of records, or the first bad sequence and
 * whether a record was {@code changed} or is {@code missing}. {@code next}: valid so far, and the chain goes on after
 * this sequence (the {@code after} of the next call); null once the check reached the chain's head.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean valid, long records, Long firstBadSequence, String problem, Long next) {

    public static final String CHANGED = "changed";
    public static final String MISSING = "missing";

    public static AuditVerification ok(long records) {
        return new AuditVerification(true, records, null, null, null);
    }

    /** Valid up to {@code next}, where this call's limit ended it. */
    public static AuditVerification okSoFar(long records, long next) {
        return new AuditVerification(true, records, null, null, next);
    }

    public static AuditVerification bad(long records, long sequence, String problem) {
        return new AuditVerification(false, records, sequence, problem, null);
    }
}
