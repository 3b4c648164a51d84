-- The audit trail cannot be emptied in one statement either: TRUNCATE of audit_record (which skips row triggers)
-- and deleting or truncating a chain's head (after which verification would have no end to check against) are
-- refused like UPDATE and DELETE of a record. A superuser can still turn triggers off; signed checkpoints kept outside
-- the database are the answer to that (docs/security.md, still open).
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();

CREATE FUNCTION audit_head_refuse_removal() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_head rows are kept: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_refuse_removal();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_refuse_removal();
