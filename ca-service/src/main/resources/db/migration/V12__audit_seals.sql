-- Audit records and heads carry a seal: HMAC-SHA256 under the audit key, which the database never holds
-- (stratus.ca.audit-key, or derived from the KEK). Someone with table rights can still recompute the unkeyed hash
-- chain after changing a record, but not its seals, so verification reports the change.
ALTER TABLE audit_record ADD COLUMN mac CHAR(64);
ALTER TABLE audit_head ADD COLUMN mac CHAR(64);

-- Records written before seals existed are sealed once at start (AuditSealing), after their chain verified: the
-- only change allowed to a record is setting its missing seal.
CREATE OR REPLACE FUNCTION audit_record_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.mac IS NULL AND NEW.mac IS NOT NULL
            AND (NEW.tenant, NEW.sequence, NEW.actor, NEW.action, NEW.target, NEW.outcome, NEW.at,
                 NEW.previous_hash, NEW.hash)
                IS NOT DISTINCT FROM (OLD.tenant, OLD.sequence, OLD.actor, OLD.action, OLD.target, OLD.outcome,
                 OLD.at, OLD.previous_hash, OLD.hash) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_record is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
