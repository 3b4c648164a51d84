-- The audit log (audit_record, audit_head: db/audit in libs/platform) is this service's outbox for AuditRecorded:
-- per tenant, the last sequence published on stratus.audit.v1 (AuditRelay). A record beyond it goes out (again).
CREATE TABLE audit_published (
    tenant        VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);
