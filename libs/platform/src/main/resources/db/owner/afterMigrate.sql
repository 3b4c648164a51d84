-- Runs as the database's owner after every migration (a Flyway callback). The schema history is the owner's alone:
-- the owner's default privileges also gave the application's role rights on it, and a service that could rewrite it
-- could stop or skip the next migration.
DO $$
DECLARE
    grantee_role text;
BEGIN
    FOR grantee_role IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name = 'flyway_schema_history'
          AND grantee NOT IN (current_user, 'PUBLIC')
    LOOP
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', grantee_role);
    END LOOP;
END
$$;
