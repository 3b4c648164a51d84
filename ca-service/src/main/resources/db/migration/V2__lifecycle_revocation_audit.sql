-- CA lifecycle: when and why a CA was revoked (it then appears on its parent's CRL), soft deletion (rows stay for
-- the parent's CRL, the certificates' foreign keys and the audit trail), and a flag that forces a new CRL.
ALTER TABLE authority ADD COLUMN revoked_at TIMESTAMPTZ;
ALTER TABLE authority ADD COLUMN revocation_reason VARCHAR(32);
ALTER TABLE authority ADD COLUMN deleted_at TIMESTAMPTZ;
ALTER TABLE authority ADD COLUMN crl_stale BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX authority_parent_idx ON authority (parent_id);

-- Certificate inventory: lookup by serial within a tenant, keyset pagination on (created_at, id).
CREATE INDEX issued_certificate_tenant_serial_idx ON issued_certificate (tenant, serial_hex);
CREATE INDEX issued_certificate_tenant_created_idx ON issued_certificate (tenant, created_at, id);
CREATE INDEX issued_certificate_authority_status_idx ON issued_certificate (authority_id, status);

-- Append-only, hash-chained audit log: one chain per tenant. audit_head holds each chain's last sequence and hash;
-- its row lock serializes appends within a tenant, and it lets verification notice a deleted last record.
CREATE TABLE audit_record (
    tenant        VARCHAR(64)   NOT NULL,
    sequence      BIGINT        NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    target        VARCHAR(300)  NOT NULL,
    outcome       VARCHAR(200)  NOT NULL,
    at            TIMESTAMPTZ   NOT NULL,
    previous_hash CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    PRIMARY KEY (tenant, sequence)
);

CREATE TABLE audit_head (
    tenant        VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     CHAR(64)    NOT NULL
);

CREATE FUNCTION audit_record_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();
