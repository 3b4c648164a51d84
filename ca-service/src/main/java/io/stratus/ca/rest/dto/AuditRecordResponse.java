package io.stratus.ca.rest.dto;

import java.time.Instant;

import io.stratus.ca.entity.AuditRecordEntity;

/** One audit record as the API shows it. */
public record AuditRecordResponse(String tenant, long sequence, String actor, String action, String target,
        String outcome, Instant at, String previousHash, String hash) {

    public static AuditRecordResponse of(AuditRecordEntity r) {
        return new AuditRecordResponse(r.tenant, r.sequence, r.actor, r.action, r.target, r.outcome, r.at,
                r.previousHash, r.hash);
    }
}
