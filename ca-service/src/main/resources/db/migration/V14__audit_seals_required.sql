-- Seals are required from now on. Records written before seals existed keep their empty seal until AuditSealing
-- seals them at start (NOT VALID: the check applies to rows written from now on, and to the seal being set); a new
-- record without a seal is refused, so sealing at start can never be used to seal a record someone inserted.
ALTER TABLE audit_record ADD CONSTRAINT audit_record_sealed CHECK (mac IS NOT NULL) NOT VALID;

-- A chain's head only moves forward, and only with a seal: it cannot be moved to another tenant (leaving a chain
-- without its end), set back onto an older sealed value (a replayed head, which would hide the records after it),
-- or have its seal removed (so that sealing at start would seal whatever it points at). A new head starts empty.
CREATE FUNCTION audit_head_moves_forward() RETURNS trigger AS $$
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

CREATE TRIGGER audit_head_forward BEFORE INSERT OR UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_moves_forward();
