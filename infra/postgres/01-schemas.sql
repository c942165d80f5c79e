-- One schema and one login role per service; a role owns its schema and can touch no other.
-- Idempotent: run by bin/platform, by the test support and by the compose database on first start.
-- Roles are created without a password (local trust authentication); deployments set one per role
-- (02-compose-passwords.sh in compose, the operator elsewhere): no role ever has a password anyone could guess.
DO $$
DECLARE
    s record;
BEGIN
    FOR s IN
        SELECT * FROM (VALUES
            ('auth', 'auth_service'),
            ('user_org', 'user_org_service'),
            ('chatbot', 'chatbot_service'),
            ('audit', 'audit_service'),
            ('notification', 'notification_service')) AS t (schema_name, role_name)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s.role_name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', s.role_name);
        END IF;
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s.schema_name, s.role_name);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', s.schema_name, s.role_name);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', s.schema_name);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', s.role_name, s.schema_name);
    END LOOP;
    -- Nobody but the owner creates objects in public.
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$$;
