-- The audit log of a service that keeps one beside ca-service's (profile-service, enrollment-service): one
-- hash-chained, sealed chain per tenant (io.stratus.platform.audit, docs/security.md "Audit log"). The same shape
-- and rules as ca-service's (its migrations V2, V8, V12-V14), written here once for every such service. A repeatable
-- migration: Flyway runs it again when it changes, so every statement can run twice.
CREATE TABLE IF NOT EXISTS audit_record (
    tenant        VARCHAR(64)   NOT NULL,
    sequence      BIGINT        NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    target        VARCHAR(300)  NOT NULL,
    outcome       VARCHAR(200)  NOT NULL,
    at            TIMESTAMPTZ   NOT NULL,
    previous_hash CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    mac           CHAR(64)      NOT NULL,
    PRIMARY KEY (tenant, sequence)
);

-- Each chain's end: its row lock serialises a tenant's appends, and it lets verification notice a removed record.
CREATE TABLE IF NOT EXISTS audit_head (
    tenant        VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     CHAR(64)    NOT NULL,
    mac           CHAR(64)
);

-- Records are append-only: no UPDATE, DELETE or TRUNCATE.
CREATE OR REPLACE FUNCTION audit_record_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_record_append_only ON audit_record;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();
DROP TRIGGER IF EXISTS audit_record_no_truncate ON audit_record;
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();

-- Heads are kept, and a head only moves forward with its seal: it cannot be removed, moved to another tenant, set
-- back onto an older sealed value (a replayed head, which would hide the records after it) or lose its seal.
CREATE OR REPLACE FUNCTION audit_head_refuse_removal() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_head rows are kept: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_head_kept ON audit_head;
CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_refuse_removal();
DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head;
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_refuse_removal();

CREATE OR REPLACE FUNCTION audit_head_moves_forward() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.last_sequence <> 0 AND NEW.mac IS NULL THEN
            RAISE EXCEPTION 'audit_head: a new head starts at sequence 0 or carries its seal';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.tenant IS DISTINCT FROM OLD.tenant THEN
        RAISE EXCEPTION 'audit_head: a head belongs to its tenant';
    END IF;
    IF NEW.last_sequence < OLD.last_sequence THEN
        RAISE EXCEPTION 'audit_head: a head does not move back (% to %)', OLD.last_sequence, NEW.last_sequence;
    END IF;
    IF NEW.mac IS NULL AND (OLD.mac IS NOT NULL OR NEW.last_sequence <> OLD.last_sequence
            OR NEW.last_hash IS DISTINCT FROM OLD.last_hash) THEN
        RAISE EXCEPTION 'audit_head: a head moves only with its seal';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_head_forward ON audit_head;
CREATE TRIGGER audit_head_forward BEFORE INSERT OR UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_moves_forward();

-- The application's role (every role with rights on these tables other than their owner, who runs the migrations)
-- may append and read records and move heads; it may not change, delete or truncate records, or delete heads.
DO $$
DECLARE
    grantee_role text;
BEGIN
    FOR grantee_role IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name IN ('audit_record', 'audit_head')
          AND grantee NOT IN (current_user, 'PUBLIC')
    LOOP
        EXECUTE format('REVOKE ALL ON audit_record, audit_head FROM %I', grantee_role);
        EXECUTE format('GRANT SELECT, INSERT ON audit_record TO %I', grantee_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON audit_head TO %I', grantee_role);
    END LOOP;
END
$$;
