package io.stratus.ca.service.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result of checking a tenant's audit chain: valid with the number of records, or the first bad sequence and
 * whether a record was {@code changed} or is {@code missing}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean valid, long records, Long firstBadSequence, String problem) {

    public static final String CHANGED = "changed";
    public static final String MISSING = "missing";

    public static AuditVerification ok(long records) {
        return new AuditVerification(true, records, null, null);
    }

    public static AuditVerification bad(long records, long sequence, String problem) {
        return new AuditVerification(false, records, sequence, problem);
    }
}
