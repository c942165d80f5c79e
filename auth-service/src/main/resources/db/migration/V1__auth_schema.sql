-- auth-service keeps credentials in Keycloak; its schema holds the platform tables (outbox, processed events)
-- and, as features arrive, password-reset tokens and API client records.
comment on schema auth is 'auth-service';
