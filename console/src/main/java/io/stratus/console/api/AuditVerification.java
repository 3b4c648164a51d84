package io.stratus.console.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a service's audit check found: valid over {@code records}, or the first bad sequence and whether a record was
 * {@code changed} or is {@code missing}; {@code next} when the chain goes on past this call; the comparison with the
 * newest record on the audit topic (docs/ca.md, "Audit log").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditVerification(boolean valid, long records, Long firstBadSequence, String problem, Long next,
        Checkpoint checkpoint) {

    /** The same result over {@code total} records: the sum of the calls that checked the chain piece by piece. */
    public AuditVerification withRecords(long total) {
        return new AuditVerification(valid, total, firstBadSequence, problem, next, checkpoint);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checkpoint(String status, Long sequence) {
    }
}
