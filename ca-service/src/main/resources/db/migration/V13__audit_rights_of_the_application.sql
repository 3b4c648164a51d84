-- The application's role (every role with rights on the audit tables other than their owner, who runs the
-- migrations) may append and read the audit log, set a record's missing seal and move a chain's head; it may not
-- change, delete or truncate records, or delete heads. Where the service connects as the owner (a single-user
-- database), nothing changes here: the triggers still refuse those changes, but an owner can turn them off.
DO $$
DECLARE
    grantee_role text;
BEGIN
    FOR grantee_role IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name IN ('audit_record', 'audit_head')
          AND grantee NOT IN (current_user, 'PUBLIC')
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM %I', grantee_role);
        EXECUTE format('GRANT SELECT, INSERT ON audit_record TO %I', grantee_role);
        EXECUTE format('GRANT UPDATE (mac) ON audit_record TO %I', grantee_role);
        EXECUTE format('REVOKE DELETE, TRUNCATE ON audit_head FROM %I', grantee_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON audit_head TO %I', grantee_role);
    END LOOP;
END
$$;
